using Otto.Git;

namespace Otto.Execution;

/// <summary>
/// What an agent can do to its worktree that leaves no changes to take: delete its `.git` (git cannot
/// read the worktree any more) or move its history below the commit otto started it from (`git reset
/// --hard HEAD~3`, a checkout of the base branch). Either is the agent's doing, reported as what it is
/// (cause `agent`, with the fact) instead of an internal error or a diff that deletes other tasks' files.
/// </summary>
public static class WorktreeDamage
{
    /// <returns>What happened, in one sentence, or null when the worktree is as otto left it to the agent.</returns>
    public static string? Find(string worktreeDir, GitRepo worktree, string baseCommit)
    {
        if (!File.Exists(Path.Combine(worktreeDir, ".git")) && !Directory.Exists(Path.Combine(worktreeDir, ".git")))
            return $"the agent deleted its worktree's .git ({worktreeDir}/.git), so git cannot read what it changed; "
                + "the worktree is made again from the task branch for the next attempt";
        var head = worktree.TryResolve("HEAD");
        if (head is null)
            return $"the agent left its worktree ({worktreeDir}) without a readable HEAD; its changes cannot be read";
        if (head != baseCommit && !worktree.IsAncestor(baseCommit, head))
            return $"the agent moved its worktree's history below the commit otto started it from: HEAD is {head}, "
                + $"which does not contain {baseCommit} (a `git reset`, `rebase` or `checkout` of older history); "
                + "its changes were not taken, and the next attempt starts again from " + baseCommit;
        return null;
    }

    /// <summary>
    /// Puts the task branch and its worktree back on <paramref name="baseCommit"/> after a rewind, keeping
    /// what the agent left under refs/otto/displaced/ (nothing is thrown away unseen).
    /// </summary>
    public static void Repair(string worktreeDir, GitRepo worktree, string branch, string baseCommit, string keepAs)
    {
        if (!File.Exists(Path.Combine(worktreeDir, ".git")) && !Directory.Exists(Path.Combine(worktreeDir, ".git"))) return; // made again on the next attempt
        if (worktree.TryResolve("HEAD") is { } head && head != baseCommit) worktree.Git("update-ref", keepAs, head);
        worktree.Git("checkout", "--quiet", "--force", "-B", branch, baseCommit).EnsureOk();
        worktree.Git("clean", "-ffdxq", "--", ".", ":(exclude,top).ai").EnsureOk();
    }
}
