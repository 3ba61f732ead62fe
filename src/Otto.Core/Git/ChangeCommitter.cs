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
        // Never committed: .ai/, the fallback status, and the agent settings otto wrote into the worktree.
        var neverCommitted = new List<string> { ".ai" };
        if (excludeRootStatus) neverCommitted.Add("status.json");
        neverCommitted.AddRange(Hooks.TaskWorktree.WrittenFiles(worktree.GitDir));
        worktree.Git(["add", "--all", "--", ".", .. neverCommitted.Select(p => ":(exclude,top)" + p)]).EnsureOk();
        // What an agent committed or staged itself there goes back to the parent's version (usually: none).
        var objects = worktree.Objects;
        if (IndexMayDiffer(worktree, objects, parent, neverCommitted))
            worktree.Git(["reset", "-q", parent, "--", .. neverCommitted]).EnsureOk();
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

    /// <summary>Whether the index may differ from the parent at these paths, so that `git reset` has work:
    /// the agent staged or committed something there (the path's bytes are in the index file), or removed
    /// what the parent has. May say yes wrongly (then the reset does nothing), never no wrongly: index
    /// versions 2 and 3 store every path whole; version 4 compresses paths, so for it the answer is yes; and
    /// with the CLI back-end one reset costs less than asking git about each path.</summary>
    private static bool IndexMayDiffer(GitRepo worktree, IGitObjects objects, string parent, IReadOnlyList<string> paths)
    {
        if (!objects.InProcess) return true;
        var index = Path.Combine(worktree.GitDir, "index");
        if (!File.Exists(index)) return true;
        var bytes = File.ReadAllBytes(index);
        if (bytes.Length < 8 || bytes[7] is not (2 or 3) || bytes[4] + bytes[5] + bytes[6] != 0) return true;
        return paths.Any(p => Contains(bytes, System.Text.Encoding.UTF8.GetBytes(p)) || objects.PathExistsIn(parent, p));
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
