using System.Diagnostics;
using System.Text.Json.Nodes;
using Otto.Git;
using Otto.Contracts;
using Otto.Planning;

namespace Otto.Hooks;

/// <summary>What a hook process is given: its stdin, where it writes, its folder and environment.</summary>
public sealed record HookIO(Stream Stdin, TextWriter Out, TextWriter Err, string Cwd, Func<string, string?> Env);

/// <summary>
/// `otto hook NAME [--chained PATH] [-- ARGS]`: the checks behind the installed shims and the agents'
/// tool hooks. Git hooks check, then run the chained hook with the same arguments and stdin and return
/// its exit code. Reads the run's newest plan once; never reads the event log.
/// </summary>
public static class HookRunner
{
    public const string ClaudePreTool = "claude-pretool";
    public const string GeminiBeforeTool = "gemini-beforetool";

    public static IReadOnlyList<string> Names =>
        [.. GitHookNames.Guarded, ClaudePreTool, GeminiBeforeTool];

    public static int Run(string name, string? chained, IReadOnlyList<string> args, HookIO io)
    {
        switch (name)
        {
            case ClaudePreTool or GeminiBeforeTool:
                return ToolHook.Run(name, io);
            case GitHookNames.PreCommit:
                return Refuse(io, PreCommit(io)) ?? Chain(chained, args, null);
            case GitHookNames.CommitMsg:
                AddTrailers(io, args);
                return Chain(chained, args, null);
            case GitHookNames.ReferenceTransaction:
                var updates = ReadAll(io.Stdin);
                return Refuse(io, args.FirstOrDefault() == "prepared" ? RefUpdates(io, updates) : null) ?? Chain(chained, args, updates);
            case GitHookNames.PrePush:
                var pushed = ReadAll(io.Stdin);
                return Refuse(io, TaskWorktree.Find(io.Cwd) is { } task
                    ? $"otto: agents do not push from a task worktree (task `{task.TaskId}`, remote {args.FirstOrDefault() ?? "?"}); otto pushes the verified integration branch itself (`otto pr`)."
                    : null) ?? Chain(chained, args, pushed);
            default:
                throw new OttoException($"unknown hook `{name}`; otto handles {string.Join(", ", Names)}");
        }
    }

    private static int? Refuse(HookIO io, string? message)
    {
        if (message is null) return null;
        io.Err.WriteLine(message.TrimEnd('\n'));
        return 1;
    }

    private static string? PreCommit(HookIO io)
    {
        if (Load(io) is not var (worktree, rules)) return null;
        var repo = new GitRepo(worktree.Root);
        var baseline = File.Exists(Path.Combine(worktree.GitDir, "MERGE_HEAD")) ? "MERGE_HEAD" : "HEAD";
        // A commit with paths or -a stages into a temporary index that git names in GIT_INDEX_FILE.
        var index = io.Env("GIT_INDEX_FILE") is { Length: > 0 } i ? new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = i } : null;
        var diff = GitCli.Run(worktree.Root, ["diff", "--raw", "-z", "--no-renames", "--no-abbrev", "--cached", baseline], null, index).EnsureOk();
        var otto = TaskWorktree.WrittenFiles(worktree.GitDir);
        var changes = TreeChange.ParseRaw(diff.Stdout).Where(c => !IsOttosFile(c, otto)).ToList();
        var refused = PreCommitCheck.Refusals(rules, changes, c => TreeChange.LinkTarget(repo, c.NewObject));
        return refused.Count == 0 ? null : OwnershipMessages.Refused("this commit changes paths", rules, refused, PreCommitCheck.Undo);
    }

    /// <summary>Files otto itself puts in a worktree and never commits (ChangeCommitter leaves them out):
    /// .ai/, a new root status.json, the agent settings the marker lists.</summary>
    private static bool IsOttosFile(TreeChange change, IReadOnlyList<string> written) =>
        change.Path.StartsWith(".ai/", StringComparison.Ordinal) || written.Contains(change.Path)
        || (change.Path == StatusIngestor.Fallback && change.Status == 'A');

    private static string? RefUpdates(HookIO io, byte[] stdin)
    {
        if (TaskWorktree.Find(io.Cwd) is not { } worktree) return null;
        var lines = System.Text.Encoding.UTF8.GetString(stdin).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var refused = RefUpdateCheck.Refusals(worktree, BaseBranch(worktree), lines);
        return refused.Count == 0 ? null : RefUpdateCheck.Message(worktree, refused);
    }

    private static void AddTrailers(HookIO io, IReadOnlyList<string> args)
    {
        if (TaskWorktree.Find(io.Cwd) is not { } worktree || args.Count == 0) return;
        var attempt = AttemptNumber(worktree, io.Env("OTTO_ATTEMPT"));
        GitCli.Run(worktree.Root, "interpret-trailers", "--in-place", "--if-exists", "replace",
            "--trailer", $"Otto-Run: {worktree.RunId}", "--trailer", $"Otto-Task: {worktree.TaskId}",
            "--trailer", $"Otto-Attempt: {attempt}", Path.GetFullPath(Path.Combine(io.Cwd, args[0]))).EnsureOk();
    }

    /// <summary>The attempt in progress: OTTO_ATTEMPT (every agent has it), else the highest attempt folder.</summary>
    public static int AttemptNumber(TaskWorktree worktree, string? fromEnvironment)
    {
        if (int.TryParse(fromEnvironment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        var taskDir = worktree.Run.TaskDir(worktree.TaskId);
        if (!Directory.Exists(taskDir)) return 1;
        return Directory.EnumerateDirectories(taskDir, "attempt-*")
            .Select(d => int.TryParse(Path.GetFileName(d)["attempt-".Length..], System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : 0)
            .DefaultIfEmpty(1).Max();
    }

    /// <summary>The task worktree and its rules, or null (after saying why on stderr) when nothing can be checked.</summary>
    internal static (TaskWorktree, TaskRules)? Load(HookIO io, string? directory = null)
    {
        if (TaskWorktree.Find(directory ?? io.Cwd) is not { } worktree) return null;
        var plan = worktree.Plan();
        if (plan is null)
        {
            io.Err.WriteLine($"otto hook: run {worktree.RunId} has no accepted plan in {worktree.Run.Dir}; ownership is not checked here");
            return null;
        }
        if (plan.Plan.Tasks.All(t => t.Id != worktree.TaskId))
        {
            io.Err.WriteLine($"otto hook: task {worktree.TaskId} is not in run {worktree.RunId}'s newest plan ({plan.Path}); ownership is not checked here");
            return null;
        }
        return (worktree, new TaskRules(plan.Plan, worktree.TaskId));
    }

    private static string? BaseBranch(TaskWorktree worktree)
    {
        try
        {
            return File.Exists(worktree.Run.RunJson) && JsonNode.Parse(File.ReadAllText(worktree.Run.RunJson)) is JsonObject run ? (string?)run["base_branch"] : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    internal static byte[] ReadAll(Stream stdin)
    {
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Runs the hook otto's shim replaced, with the same arguments (and stdin, when the hook has
    /// one); its exit code is the hook's. Output goes straight to git's.</summary>
    private static int Chain(string? chained, IReadOnlyList<string> args, byte[]? stdin)
    {
        // Missing or not executable: git would not have run it either.
        if (string.IsNullOrEmpty(chained) || !Platform.FileModes.IsExecutable(chained)) return 0;
        var info = new ProcessStartInfo(chained) { UseShellExecute = false, RedirectStandardInput = stdin is not null };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {chained}");
        if (stdin is not null)
        {
            try
            {
                process.StandardInput.BaseStream.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The chained hook did not read its stdin (a broken pipe): git allows that too.
            }
        }
        process.WaitForExit();
        return process.ExitCode;
    }
}
