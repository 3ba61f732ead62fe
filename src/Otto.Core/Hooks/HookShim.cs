using System.Text;

namespace Otto.Hooks;

/// <summary>
/// The POSIX sh script otto installs as a git hook. Outside otto's task worktrees it decides that with
/// shell builtins only (a test for a marker file, one `read` of HEAD) and execs the hook it chains to, so
/// the user's own commits never start .NET. In a task worktree it hands over to `otto hook NAME`, which
/// checks, then runs the chained hook with the same arguments and stdin; its exit code still counts.
/// Git operations otto runs itself carry OTTO_INTERNAL_GIT=1 and go straight to the chained hook.
/// </summary>
public static class HookShim
{
    /// <summary>The second line of every shim: how `otto hooks status` and uninstall recognize otto's files.</summary>
    public const string Marker = "# otto-hook-shim v1";

    /// <param name="hook">The hook's name (pre-commit ...).</param>
    /// <param name="chained">Shell text naming the hook to run afterwards (already quoted), or null for none.</param>
    /// <param name="otto">otto's argv; null for a pure pass-through (a hook otto does not guard).</param>
    public static string Render(string hook, string? chained, IReadOnlyList<string>? otto)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/sh\n");
        text.Append(Marker).Append(": ").Append(hook).Append('\n');
        text.Append("# Installed by `otto hooks install`; `otto hooks status` says what it chains to and\n");
        text.Append("# `otto hooks uninstall` puts back what was here. Outside otto's task worktrees it only\n");
        text.Append("# runs the hook it chains to, without starting otto.\n");
        text.Append("chained=").Append(chained ?? "''").Append('\n');
        if (otto is not null)
        {
            var program = OttoCommand.Quote(otto[0]);
            text.Append("if [ -z \"${OTTO_INTERNAL_GIT:-}\" ]; then\n");
            text.Append("  d=${GIT_DIR:-.git}; linked=${GIT_DIR:+1}\n");
            text.Append("  if [ -f \"$d\" ]; then IFS= read -r d < \"$d\"; d=${d#gitdir: }; linked=1; fi\n");
            text.Append("  task=\n");
            text.Append("  if [ -f \"$d/otto-task\" ]; then task=1\n");
            text.Append("  elif [ -n \"$linked\" ] && [ -f \"$d/HEAD\" ]; then\n");
            text.Append("    IFS= read -r h < \"$d/HEAD\"\n");
            text.Append("    case $h in \"ref: refs/heads/otto/tasks/\"*) task=1 ;; esac\n");
            text.Append("  fi\n");
            if (hook == GitHookNames.ReferenceTransaction)
                text.Append("  [ \"${1:-}\" = prepared ] || task=  # only the prepared state can refuse an update\n");
            text.Append("  if [ -n \"$task\" ]; then\n");
            text.Append("    [ -x ").Append(program).Append(" ] || { echo ")
                .Append(OttoCommand.Quote($"otto {hook} hook: {otto[0]} is gone; run `otto hooks install` again")).Append(" >&2; exit 1; }\n");
            text.Append("    exec ").Append(OttoCommand.ShellLine(otto)).Append(" hook ").Append(hook).Append(" --chained \"$chained\" -- \"$@\"\n");
            text.Append("  fi\n");
            text.Append("fi\n");
        }
        text.Append("if [ -n \"$chained\" ] && [ -x \"$chained\" ]; then exec \"$chained\" \"$@\"; fi\n");
        text.Append("exit 0\n");
        return text.ToString();
    }

    public static bool IsShim(string path)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).LinkTarget is not null) return false;
            using var reader = new StreamReader(path);
            reader.ReadLine();
            return reader.ReadLine()?.StartsWith(Marker, StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
