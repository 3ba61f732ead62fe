using LibGit2Sharp;

namespace Otto.Git;

/// <summary>
/// The in-process back-end (see <see cref="IGitObjects"/>): libgit2 through LibGit2Sharp, a repository
/// opened per operation (so what git processes wrote meanwhile is always seen, and no handle is shared
/// between threads). libgit2 runs no hooks: when the repository has a `reference-transaction` hook, ref
/// updates go through the git CLI so that the hook still sees otto's updates.
/// </summary>
internal sealed class LibGit2Objects(string root) : IGitObjects
{
    private static readonly CompareOptions NoRenames = new() { Similarity = SimilarityOptions.None, IncludeUnmodified = false };

    public bool InProcess => true;

    private T With<T>(Func<Repository, T> read)
    {
        using var repo = new Repository(root);
        return read(repo);
    }

    public string? TryResolveCommit(string revision) => With(repo => Lookup(repo, revision)?.Sha);

    public string TreeOf(string commit) => With(repo => Commit(repo, commit).Tree.Sha);

    public bool IsAncestor(string ancestor, string descendant) => With(repo =>
    {
        var (a, d) = (Commit(repo, ancestor), Commit(repo, descendant));
        return a.Id == d.Id || repo.ObjectDatabase.FindMergeBase(a, d)?.Id == a.Id;
    });

    public string? MergeBase(string a, string b) => With(repo => repo.ObjectDatabase.FindMergeBase(Commit(repo, a), Commit(repo, b))?.Sha);

    public IReadOnlyList<string> ChangedPaths(string from, string to) => With(repo =>
    {
        using var changes = repo.Diff.Compare<TreeChanges>(Commit(repo, from).Tree, Commit(repo, to).Tree, NoRenames);
        var paths = new List<string>();
        foreach (var change in changes) paths.Add(change.Path);
        paths.Sort(StringComparer.Ordinal);
        return (IReadOnlyList<string>)paths;
    });

    public IReadOnlyList<TreeChange> Changes(string from, string to) => With(repo =>
    {
        using var changes = repo.Diff.Compare<TreeChanges>(Commit(repo, from).Tree, Commit(repo, to).Tree, NoRenames);
        var list = new List<TreeChange>();
        foreach (var change in changes)
        {
            var (oldMode, newMode) = (RawMode(change.OldMode), RawMode(change.Mode));
            var status = change.Status switch
            {
                ChangeKind.Added => 'A',
                ChangeKind.Deleted => 'D',
                ChangeKind.TypeChanged => 'T',
                _ => 'M',
            };
            // git --raw says T when the kind of entry changes, which libgit2 reports as a modification.
            if (status == 'M' && Kind(oldMode) != Kind(newMode)) status = 'T';
            list.Add(new TreeChange(change.Path, oldMode, newMode, change.OldOid.Sha, change.Oid.Sha, status));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return (IReadOnlyList<TreeChange>)TypeChanges(list);
    });

    public IReadOnlyDictionary<string, long> BlobSizes(IReadOnlyCollection<string> blobs) => With(repo =>
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var blob in blobs)
        {
            if (ObjectId.TryParse(blob, out var id) && repo.ObjectDatabase.Contains(id)) sizes[blob] = repo.ObjectDatabase.RetrieveObjectMetadata(id).Size;
        }
        return (IReadOnlyDictionary<string, long>)sizes;
    });

    public void ReadBlobsText(IReadOnlyList<string> blobs, Action<int, TextReader> read) => With(repo =>
    {
        for (var i = 0; i < blobs.Count; i++)
        {
            var found = ObjectId.TryParse(blobs[i], out var id) ? repo.Lookup<Blob>(id) : null;
            using var content = (found ?? throw new InvalidOperationException($"{blobs[i]} is not a blob in {root}")).GetContentStream();
            using var reader = new StreamReader(content, GitLines.Text, detectEncodingFromByteOrderMarks: false);
            read(i, reader);
        }
        return true;
    });

    /// <summary>libgit2 may list an entry whose kind changed (a file become a symlink) as a deletion and an
    /// addition of the same path; git lists one `T` entry.</summary>
    private static List<TreeChange> TypeChanges(List<TreeChange> sorted)
    {
        var merged = new List<TreeChange>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i + 1 < sorted.Count && sorted[i].Path == sorted[i + 1].Path)
            {
                var (gone, came) = sorted[i].Status == 'D' ? (sorted[i], sorted[i + 1]) : (sorted[i + 1], sorted[i]);
                merged.Add(new TreeChange(gone.Path, gone.OldMode, came.NewMode, gone.OldObject, came.NewObject, 'T'));
                i++;
            }
            else
            {
                merged.Add(sorted[i]);
            }
        }
        return merged;
    }

    /// <summary>A mode as `git diff --raw` prints it: six octal digits, 000000 for none.</summary>
    private static string RawMode(Mode mode) => Convert.ToString((int)mode, 8).PadLeft(6, '0');

    /// <summary>The kind of entry a raw mode names: file (both file modes), symlink or submodule.</summary>
    private static string Kind(string mode) => mode is "100644" or "100755" ? "file" : mode;

    public bool PathExistsIn(string commit, string path) => With(repo => Lookup(repo, commit)?.Tree[path] is not null);

    public IReadOnlyList<string> Parents(string commit) => With(repo => (IReadOnlyList<string>)Commit(repo, commit).Parents.Select(p => p.Sha).ToList());

    public string Message(string commit) => With(repo => Commit(repo, commit).Message);

    public bool HasUserIdentity() => With(repo =>
        !string.IsNullOrEmpty(repo.Config.Get<string>("user.name")?.Value) && !string.IsNullOrEmpty(repo.Config.Get<string>("user.email")?.Value));

    public string CommitTree(string tree, IReadOnlyList<string> parents, string message, GitIdentity? identity) => With(repo =>
    {
        var when = DateTimeOffset.Now;
        var author = Signature(repo, identity, "AUTHOR", when);
        var committer = Signature(repo, identity, "COMMITTER", when);
        var treeObject = repo.Lookup<Tree>(tree) ?? throw new LibGit2SharpException($"no tree {tree}");
        var parentCommits = parents.Select(p => Commit(repo, p)).ToList();
        return repo.ObjectDatabase.CreateCommit(author, committer, message, treeObject, parentCommits, prettifyMessage: false).Sha;
    });

    public string WriteIndexTree() => With(repo => repo.Index.WriteToTree().Sha);

    public void SetRef(string reference, string sha, string reflogMessage)
    {
        if (GitHooks.Has(root, "reference-transaction"))
        {
            new CliGitObjects(root).SetRef(reference, sha, reflogMessage);
            return;
        }
        With(repo => repo.Refs.Add(reference, new ObjectId(sha), reflogMessage, allowOverwrite: true));
    }

    public void AttachHead(string branchRef, string reflogMessage)
    {
        if (GitHooks.Has(root, "reference-transaction"))
        {
            new CliGitObjects(root).AttachHead(branchRef, reflogMessage);
            return;
        }
        // Opened at a worktree, libgit2's HEAD is that worktree's own (its admin folder's HEAD file).
        With(repo => repo.Refs.Add("HEAD", branchRef, reflogMessage, allowOverwrite: true));
    }

    public bool UpdateRef(string reference, string newSha, string expectedOld, string reflogMessage)
    {
        if (GitHooks.Has(root, "reference-transaction")) return new CliGitObjects(root).UpdateRef(reference, newSha, expectedOld, reflogMessage);
        try
        {
            return LibGit2Refs.CompareAndSwap(root, reference, newSha, expectedOld, reflogMessage);
        }
        catch (LibGit2SharpException)
        {
            return false;
        }
    }

    private static Commit? Lookup(Repository repo, string revision)
    {
        try
        {
            var found = repo.Lookup(revision);
            while (found is TagAnnotation tag) found = tag.Target;
            return found as Commit;
        }
        catch (LibGit2SharpException)
        {
            return null; // an invalid or ambiguous revision: git's `rev-parse --verify --quiet` says nothing either
        }
    }

    private static Commit Commit(Repository repo, string revision) =>
        Lookup(repo, revision) ?? throw new LibGit2SharpException($"no commit '{revision}' in {repo.Info.WorkingDirectory ?? repo.Info.Path}");

    /// <summary>As git does: GIT_AUTHOR_*/GIT_COMMITTER_* from the environment, else the configured user,
    /// else otto's fallback identity.</summary>
    private static Signature Signature(Repository repo, GitIdentity? fallback, string role, DateTimeOffset when)
    {
        var name = Environment.GetEnvironmentVariable($"GIT_{role}_NAME") ?? (fallback is null ? repo.Config.Get<string>("user.name")?.Value : fallback.Name);
        var email = Environment.GetEnvironmentVariable($"GIT_{role}_EMAIL") ?? (fallback is null ? repo.Config.Get<string>("user.email")?.Value : fallback.Email);
        if (name is null || email is null) throw new LibGit2SharpException("no user.name and user.email configured for the commit");
        return new Signature(name, email, when);
    }
}
