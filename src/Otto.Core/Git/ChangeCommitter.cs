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
        // Few git processes: this runs once per attempt, and each process costs milliseconds.
        // Never committed: .ai/, the fallback status, and the agent settings otto wrote into the worktree.
        var neverCommitted = new List<string> { ".ai" };
        if (excludeRootStatus) neverCommitted.Add("status.json");
        neverCommitted.AddRange(Hooks.TaskWorktree.WrittenFiles(worktree.GitDir));
        worktree.Git(["add", "--all", "--", ".", .. neverCommitted.Select(p => ":(exclude,top)" + p)]).EnsureOk();
        // What an agent committed or staged itself there goes back to the parent's version (usually: none).
        worktree.Git(["reset", "-q", parent, "--", .. neverCommitted]).EnsureOk();
        var tree = worktree.Git("write-tree").EnsureOk().Line;

        var gitDir = worktree.GitDir;
        var mergeHead = File.Exists(Path.Combine(gitDir, "MERGE_HEAD")) ? worktree.TryResolve("MERGE_HEAD") : null;
        var reference = "refs/heads/" + branch;
        var resolved = worktree.Git("rev-parse", reference, parent + "^{tree}").EnsureOk().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var (tip, parentTree) = (resolved[0], resolved[1]);
        string commit;
        if (mergeHead is null && parentTree == tree)
        {
            commit = parent; // nothing changed since otto's last commit
        }
        else if (mergeHead is null && tip != parent && worktree.TreeOf(tip) == tree && worktree.IsAncestor(parent, tip) && IsOttoCommit(worktree, tip))
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
        if (ReadHead(gitDir) != "ref: " + reference) worktree.Git("symbolic-ref", "HEAD", reference).EnsureOk();
        return commit;
    }

    private static string? ReadHead(string gitDir)
    {
        var head = Path.Combine(gitDir, "HEAD");
        return File.Exists(head) ? File.ReadAllText(head).Trim() : null;
    }

    private static bool IsOttoCommit(GitRepo repo, string commit) =>
        repo.Git("log", "-1", "--format=%B", commit).Stdout.StartsWith("otto(", StringComparison.Ordinal);
}
