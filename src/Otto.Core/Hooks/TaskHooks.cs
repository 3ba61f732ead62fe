using Otto.Git;

namespace Otto.Hooks;

/// <summary>
/// Turns otto's hooks on in one task worktree: core.hooksPath in that worktree's own config.worktree
/// (extensions.worktreeConfig, which `otto hooks install` enables), so no other checkout is affected.
/// </summary>
public static class TaskHooks
{
    /// <summary>Sets the worktree's core.hooksPath to otto's folder; false when git refused.</summary>
    public static bool Activate(string worktreeRoot, string ottoDir) =>
        GitCli.Run(worktreeRoot, "config", "--worktree", "core.hooksPath", ottoDir).Ok;

    public static void Deactivate(string worktreeRoot) =>
        GitCli.Run(worktreeRoot, "config", "--worktree", "--unset", "core.hooksPath");

    public static bool IsActive(string worktreeRoot, string ottoDir) =>
        GitCli.Run(worktreeRoot, "config", "--worktree", "--get", "core.hooksPath").Line == ottoDir;

    /// <summary>When the repository has otto's hooks installed for task worktrees, turns them on in this
    /// one (called as otto prepares each attempt). A failure only costs the early layer: the integrator
    /// still checks, so it is not an error.</summary>
    public static void ActivateIfInstalled(string worktreeRoot, string gitDir)
    {
        var commonFile = Path.Combine(gitDir, "commondir");
        if (!File.Exists(commonFile)) return;
        var common = File.ReadAllText(commonFile).Trim();
        var ottoDir = Path.Combine(Path.GetFullPath(Path.IsPathRooted(common) ? common : Path.Combine(gitDir, common)), "otto-hooks");
        if (HookManifest.Read(ottoDir) is { Mode: HookMode.TaskWorktrees }) Activate(worktreeRoot, ottoDir);
    }

    /// <summary>The repository's linked worktrees that are otto task worktrees.</summary>
    public static IReadOnlyList<string> TaskWorktreeRoots(GitRepo repo) =>
        repo.Git("worktree", "list", "--porcelain").EnsureOk().Stdout.Split('\n')
            .Where(l => l.StartsWith("worktree ", StringComparison.Ordinal))
            .Select(l => l["worktree ".Length..])
            .Where(root => Directory.Exists(root) && TaskWorktree.Find(root) is not null)
            .ToList();
}
