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
        // Few git processes: this runs once per attempt, and each process costs milliseconds. Staging runs
        // git itself (ignore rules, filters, modes are git's); the rest is answered by the git back-end.
        var exclusions = new List<string> { "--", ".", ":(exclude,top).ai" };
        if (excludeRootStatus) exclusions.Add(":(exclude,top)status.json");
        worktree.Git(["add", "--all", .. exclusions]).EnsureOk();
        // What an agent committed or staged itself under .ai/ (or as the fallback status) leaves the index.
        if (IndexHolds(worktree, excludeRootStatus))
            worktree.Git(["rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", ".ai", .. excludeRootStatus ? new[] { "status.json" } : []]).EnsureOk();
        var objects = worktree.Objects;
        var tree = objects.WriteIndexTree();

        var gitDir = worktree.GitDir;
        var mergeHead = File.Exists(Path.Combine(gitDir, "MERGE_HEAD")) ? worktree.TryResolve("MERGE_HEAD") : null;
        var reference = "refs/heads/" + branch;
        var tip = objects.TryResolveCommit(reference) ?? throw new InvalidOperationException($"{reference} does not exist in {worktree.Root}");
        var parentTree = objects.TreeOf(parent);
        string commit;
        if (mergeHead is null && parentTree == tree)
        {
            commit = parent; // nothing changed since otto's last commit
        }
        else if (mergeHead is null && tip != parent && objects.TreeOf(tip) == tree && objects.IsAncestor(parent, tip) && IsOttoCommit(objects, tip))
        {
            commit = tip; // a redo after a crash: this very tree was already committed
        }
        else
        {
            var parents = mergeHead is null ? new[] { parent } : new[] { parent, mergeHead };
            commit = worktree.CommitTree(tree, parents, message);
        }
        if (mergeHead is not null) worktree.Git("merge", "--quit").EnsureOk();
        objects.SetRef(reference, commit, "otto: " + message.Split('\n')[0]);
        if (ReadHead(gitDir) != "ref: " + reference) worktree.Git("symbolic-ref", "HEAD", reference).EnsureOk();
        return commit;
    }

    /// <summary>Whether the index may hold something under .ai/ (or the fallback status.json) to take out:
    /// the agent committed or staged it. A search of the index file's bytes, without starting git; it may say
    /// yes wrongly (then `git rm --ignore-unmatch` does nothing), never no wrongly: index versions 2 and 3
    /// store every path whole; version 4 compresses paths, so for it the answer is always yes.</summary>
    private static bool IndexHolds(GitRepo worktree, bool rootStatus)
    {
        var index = Path.Combine(worktree.GitDir, "index");
        if (!File.Exists(index)) return false;
        var bytes = File.ReadAllBytes(index);
        if (bytes.Length < 8 || bytes[7] is not (2 or 3) || bytes[4] + bytes[5] + bytes[6] != 0) return true;
        return Contains(bytes, ".ai/"u8) || (rootStatus && Contains(bytes, "status.json"u8));
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static string? ReadHead(string gitDir)
    {
        var head = Path.Combine(gitDir, "HEAD");
        return File.Exists(head) ? File.ReadAllText(head).Trim() : null;
    }

    private static bool IsOttoCommit(IGitObjects objects, string commit) =>
        objects.Message(commit).StartsWith("otto(", StringComparison.Ordinal);
}
