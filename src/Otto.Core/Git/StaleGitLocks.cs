namespace Otto.Git;

/// <summary>
/// git's lock files that an otto process killed in the middle of an update leaves behind (`REF.lock` beside a
/// ref, a worktree's `index.lock` or `HEAD.lock`): git refuses every later update of that ref or index while
/// one exists and never removes it itself, so a SIGKILL at that moment failed every later attempt of the task
/// (ChaosTests found it). otto removes them only on what it alone writes, and only where it holds the right to
/// write: a task's branch and worktree by the attempt that owns the task's claim, the integration branch
/// under the run lock. No other process may be updating them then, so a lock file there is stale.
/// </summary>
public static class StaleGitLocks
{
    /// <summary>Removes the lock of <paramref name="reference"/> (`refs/heads/...`) in the repository's shared git folder.</summary>
    public static void RemoveForRef(GitRepo repo, string reference) => Delete(Path.Combine(repo.CommonDir, reference + ".lock"));

    /// <summary>Removes a worktree's index and HEAD locks (nothing when the worktree is not there).</summary>
    public static void RemoveForWorktree(GitRepo worktree)
    {
        if (!File.Exists(Path.Combine(worktree.Root, ".git")) && !Directory.Exists(Path.Combine(worktree.Root, ".git"))) return;
        var gitDir = worktree.GitDir;
        Delete(Path.Combine(gitDir, "index.lock"));
        Delete(Path.Combine(gitDir, "HEAD.lock"));
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for git to report: its message names the file.
        }
    }
}
