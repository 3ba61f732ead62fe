namespace Otto.Git;

/// <summary>
/// Commits whatever an agent left in its worktree onto the task branch, as one commit per attempt on top
/// of otto's previous commit. `.ai/` and a fallback status.json are never committed. Idempotent: if the
/// tree is already the branch tip's, nothing new is made (so a crash and a redo cannot double-commit).
/// </summary>
public static class ChangeCommitter
{
    public static string Commit(GitRepo worktree, string branch, string parent, string message, bool excludeRootStatus)
    {
        var exclusions = new List<string> { "--", ".", ":(exclude,top).ai" };
        if (excludeRootStatus) exclusions.Add(":(exclude,top)status.json");
        worktree.Git(["add", "--all", .. exclusions]).EnsureOk();
        worktree.Git("rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", ".ai").EnsureOk();
        if (excludeRootStatus) worktree.Git("rm", "-q", "--cached", "--ignore-unmatch", "--", "status.json").EnsureOk();
        var tree = worktree.Git("write-tree").EnsureOk().Line;

        var mergeHead = worktree.TryResolve("MERGE_HEAD");
        var reference = "refs/heads/" + branch;
        var tip = worktree.TryResolve(reference) ?? parent;
        string commit;
        if (mergeHead is null && worktree.TreeOf(parent) == tree)
        {
            commit = parent; // nothing changed since otto's last commit
        }
        else if (mergeHead is null && tip != parent && worktree.IsAncestor(parent, tip) && worktree.TreeOf(tip) == tree && IsOttoCommit(worktree, tip))
        {
            commit = tip; // a redo after a crash: this very tree was already committed
        }
        else
        {
            var parents = mergeHead is null ? new[] { parent } : new[] { parent, mergeHead };
            commit = worktree.CommitTree(tree, parents, message);
        }
        if (mergeHead is not null) worktree.Git("merge", "--quit").EnsureOk();
        worktree.Git("update-ref", reference, commit).EnsureOk();
        worktree.Git("symbolic-ref", "HEAD", reference).EnsureOk();
        return commit;
    }

    private static bool IsOttoCommit(GitRepo repo, string commit) =>
        repo.Git("log", "-1", "--format=%B", commit).Stdout.StartsWith("otto(", StringComparison.Ordinal);
}
