using System.Security.Cryptography;
using System.Text;

namespace Otto.Git;

/// <summary>
/// Where task worktrees live: outside the repository (so a test runner started at the repo root never
/// finds them), under $XDG_STATE_HOME/otto/worktrees/REPO-HASH/RUN/TASK by default.
/// </summary>
public static class WorktreeLayout
{
    public static string RootFor(string repoRoot, string? configured)
    {
        var baseDir = configured is { Length: > 0 } ? ExpandHome(configured) : DefaultBase();
        var name = Path.GetFileName(repoRoot.TrimEnd('/'));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repoRoot)))[..8];
        return Path.Combine(baseDir, $"{name}-{hash}");
    }

    public static string TaskWorktree(string root, string runId, string taskId) => Path.Combine(root, runId, taskId);

    /// <summary>Run-level worktrees (planner, integration check) use names no task id can have.</summary>
    public static string StageWorktree(string root, string runId, string stage) => Path.Combine(root, runId, "_" + stage);

    private static string DefaultBase()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state)) state = Path.Combine(Home(), ".local", "state");
        return Path.Combine(state, "otto", "worktrees");
    }

    private static string ExpandHome(string path) =>
        path == "~" ? Home() : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Home(), path[2..]) : Path.GetFullPath(path);

    private static string Home() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
