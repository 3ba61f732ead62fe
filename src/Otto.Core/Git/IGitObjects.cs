namespace Otto.Git;

/// <summary>
/// The git operations otto runs many times per task that need no worktree, hooks or git's own porcelain:
/// reading refs and commits, ancestry, tree diffs, making trees and commits, and the compare-and-swap of a
/// ref. Two back-ends answer them identically (the same fixture tests run on both): <see cref="CliGitObjects"/>
/// starts a git process per operation, <see cref="LibGit2Objects"/> answers in-process with libgit2.
/// <see cref="GitBackend"/> chooses. Worktrees, checkouts, `merge-tree` and anything that runs hooks stay
/// with the git CLI (<see cref="GitRepo"/>).
/// </summary>
internal interface IGitObjects
{
    /// <summary>True when operations start no process (so asking costs microseconds, not milliseconds).</summary>
    bool InProcess { get; }

    /// <summary>The commit a revision names (a full ref, a sha, `HEAD`), or null.</summary>
    string? TryResolveCommit(string revision);

    string TreeOf(string commit);

    bool IsAncestor(string ancestor, string descendant);

    string? MergeBase(string a, string b);

    /// <summary>Paths that differ between two commits, no rename detection (both sides of a move count).</summary>
    IReadOnlyList<string> ChangedPaths(string from, string to);

    /// <summary>What `git diff --raw --no-renames` lists between two commits: each changed path with its old
    /// and new mode and object (zeros for a side that has none), in path order.</summary>
    IReadOnlyList<TreeChange> Changes(string from, string to);

    /// <summary>The sizes in bytes of these blobs; an object that is not there is left out.</summary>
    IReadOnlyDictionary<string, long> BlobSizes(IReadOnlyCollection<string> blobs);

    /// <summary>Hands each blob's content, as UTF-8 text (<see cref="GitLines.Text"/>: nothing converted, no byte
    /// order mark taken away), with its index in <paramref name="blobs"/>, to <paramref name="read"/>, in order:
    /// one opening of the repository (or one git process) for them all.</summary>
    void ReadBlobsText(IReadOnlyList<string> blobs, Action<int, TextReader> read);

    bool PathExistsIn(string commit, string path);

    /// <summary>A commit's parents, in order.</summary>
    IReadOnlyList<string> Parents(string commit);

    /// <summary>A commit's whole message.</summary>
    string Message(string commit);

    /// <summary>Whether user.name and user.email are both configured (for commits made here).</summary>
    bool HasUserIdentity();

    /// <summary>Makes a commit object from a tree, touching no worktree or ref. A null identity means the
    /// repository's configured user.</summary>
    string CommitTree(string tree, IReadOnlyList<string> parents, string message, GitIdentity? identity);

    /// <summary>The tree of this worktree's index, written to the object database (`git write-tree`).</summary>
    string WriteIndexTree();

    /// <summary>Points the ref at sha whatever it was (creating it), with a reflog entry.</summary>
    void SetRef(string reference, string sha, string reflogMessage);

    /// <summary>Points this worktree's HEAD at a branch (a symbolic ref, as `git symbolic-ref HEAD` does),
    /// touching neither the index nor any file.</summary>
    void AttachHead(string branchRef, string reflogMessage);

    /// <summary>Moves the ref to newSha only if it is at expectedOld now (<see cref="GitRepo.ZeroSha"/>: only
    /// if it does not exist yet), with a reflog entry. False when it was elsewhere (or locked).</summary>
    bool UpdateRef(string reference, string newSha, string expectedOld, string reflogMessage);
}

/// <summary>Who a commit says made it, when the repository has no user configured.</summary>
internal sealed record GitIdentity(string Name, string Email);
