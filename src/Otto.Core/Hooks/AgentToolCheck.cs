using System.Text.Json.Nodes;

namespace Otto.Hooks;

/// <summary>
/// The agent-side layer: before a coding agent's tool runs, which files would it write, and may this
/// task write them. Tool names and inputs as the installed CLIs send them: Claude Code (Edit, Write,
/// MultiEdit, NotebookEdit: file_path / notebook_path; Bash: command) and Gemini CLI (write_file,
/// replace: file_path; run_shell_command: command, dir_path). Pure apart from looking at which targets
/// are folders.
/// </summary>
public static class AgentToolCheck
{
    public static IReadOnlyList<string> Targets(string tool, JsonObject input, string cwd)
    {
        string? Text(string name) => input[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        switch (tool)
        {
            case "Edit" or "Write" or "MultiEdit" or "write_file" or "replace":
                return Text("file_path") is { } file ? [Full(cwd, file)] : [];
            case "NotebookEdit":
                return Text("notebook_path") is { } notebook ? [Full(cwd, notebook)] : [];
            case "Bash" or "run_shell_command":
                var dir = Text("dir_path") is { } d ? Full(cwd, d) : cwd;
                return Text("command") is { } command ? BashWrites.Targets(command, dir) : [];
            default:
                return [];
        }
    }

    /// <summary>Why the call must not run (for the agent to read), or null when it may.</summary>
    public static string? Denial(TaskWorktree worktree, TaskRules rules, IReadOnlyList<string> targets)
    {
        var refused = new List<(string Path, string What, string Why)>();
        foreach (var target in targets)
        {
            if (Inside(worktree.Root, target) is { } relative)
            {
                foreach (var path in Files(worktree.Root, relative))
                {
                    if (Judge(rules, path) is { } why) refused.Add((path.Length == 0 ? "." : path, "would be written", why));
                }
            }
            else if (Inside(worktree.RepoRoot, target) is not null)
            {
                refused.Add((target, "would be written", $"it is in the user's own checkout ({worktree.RepoRoot}); work in your worktree {worktree.Root}"));
            }
        }
        if (refused.Count == 0) return null;
        var distinct = refused.DistinctBy(r => r.Path).Take(20).ToList();
        return OwnershipMessages.Refused("this tool call would change files", rules, distinct, "The call was not run; change only the task's own paths.");
    }

    private static string? Judge(TaskRules rules, string path)
    {
        if (path.Length == 0) return "the whole worktree, which other tasks share";
        if (path == ".git" || path.StartsWith(".git/", StringComparison.Ordinal)) return "git's own files, which no task may change";
        if (path == ".ai" || path.StartsWith(".ai/", StringComparison.Ordinal) || path == Contracts.StatusIngestor.Fallback) return null;
        return rules.Refusal(path);
    }

    /// <summary>A folder's files (a delete or move of the folder touches each), or the path itself.</summary>
    private static IEnumerable<string> Files(string root, string relative)
    {
        var full = Path.Combine(root, relative);
        if (relative.Length == 0 || !Directory.Exists(full) || new DirectoryInfo(full).LinkTarget is not null) return [relative];
        var files = Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal))
            .Take(10_000)
            .ToList();
        return files.Count == 0 ? [relative] : files;
    }

    /// <summary>The path relative to the folder ("" for the folder itself), or null when it is outside.</summary>
    private static string? Inside(string folder, string path)
    {
        var root = Path.GetFullPath(folder).TrimEnd('/');
        if (path == root) return "";
        return path.StartsWith(root + "/", StringComparison.Ordinal) ? path[(root.Length + 1)..] : null;
    }

    private static string Full(string cwd, string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(cwd, path)).TrimEnd('/');
}
