namespace Otto.Git;

/// <summary>
/// Typed operations on one repository (or one of its worktrees), each a single git command.
/// Integration uses plumbing only, so no user worktree, index or HEAD is ever touched by it.
/// </summary>
public sealed class GitRepo(string root)
{
    public const string ZeroSha = "0000000000000000000000000000000000000000";

    private static readonly GitIdentity Otto = new("otto", "otto@localhost");

    private static readonly Dictionary<string, string?> OttoIdentity = new()
    {
        ["GIT_AUTHOR_NAME"] = "otto", ["GIT_AUTHOR_EMAIL"] = "otto@localhost",
        ["GIT_COMMITTER_NAME"] = "otto", ["GIT_COMMITTER_EMAIL"] = "otto@localhost",
    };

    /// <summary>The top folder of this repository or worktree.</summary>
    public string Root { get; } = root;

    /// <summary>
    /// The repository (or worktree) containing the directory: the nearest folder upward holding a `.git`
    /// folder or file, which is what `git rev-parse --show-toplevel` answers, without starting git (every
    /// command pays for discovery; `otto status` should not pay a process for it). With GIT_DIR set, git decides.
    /// </summary>
    public static GitRepo? Discover(string directory)
    {
        if (Environment.GetEnvironmentVariable("GIT_DIR") is { Length: > 0 }) return DiscoverWithGit(directory);
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var marker = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker)) return new GitRepo(dir.FullName);
        }
        return null;
    }

    private static GitRepo? DiscoverWithGit(string directory)
    {
        var result = GitCli.Run(directory, "rev-parse", "--show-toplevel");
        return result.Ok ? new GitRepo(result.Line) : null;
    }

    public GitResult Git(params string[] arguments) => GitCli.Run(Root, arguments);

    /// <summary>Refs, commits, trees and the ref compare-and-swap, in-process or by the CLI (<see cref="GitBackend"/>).</summary>
    internal IGitObjects Objects => _objects ??= GitBackend.For(Root);

    private IGitObjects? _objects;

    /// <summary>This repository answered by the named back-end ("cli" or "libgit2") whatever the process uses:
    /// for tests that hold both to the same answers.</summary>
    internal static GitRepo WithBackend(string root, string backend) =>
        new(root) { _objects = GitBackend.Named(root, backend) };

    public GitResult GitWithInput(string stdin, params string[] arguments) => GitCli.Run(Root, arguments, stdin, null);

    /// <summary>The shared .git folder (the same for every worktree of the repository): what a linked
    /// worktree's own git folder names in its `commondir` file, as git finds it, without starting git.</summary>
    public string CommonDir
    {
        get
        {
            var gitDir = GitDir;
            var pointer = Path.Combine(gitDir, "commondir");
            if (!File.Exists(pointer)) return gitDir;
            var dir = File.ReadAllText(pointer).Trim();
            return Path.GetFullPath(Path.IsPathRooted(dir) ? dir : Path.Combine(gitDir, dir));
        }
    }

    public bool HasCommits => Git("rev-parse", "--verify", "--quiet", "HEAD^{commit}").Ok;

    /// <summary>The checked-out branch's short name, or null when HEAD is detached.</summary>
    public string? CurrentBranch
    {
        get
        {
            // HEAD is a file in this worktree's git folder: reading it costs no git process.
            var head = Path.Combine(GitDir, "HEAD");
            var text = File.Exists(head) ? File.ReadAllText(head).Trim() : "";
            if (text.StartsWith("ref: refs/heads/", StringComparison.Ordinal)) return text["ref: refs/heads/".Length..];
            if (text.StartsWith("ref: ", StringComparison.Ordinal) || text.Length == 0)
            {
                var result = Git("symbolic-ref", "--quiet", "--short", "HEAD");
                return result.Ok ? result.Line : null;
            }
            return null; // a detached HEAD holds a commit id
        }
    }

    public string? TryResolve(string revision) => Objects.TryResolveCommit(revision);

    public string Resolve(string revision) =>
        TryResolve(revision) ?? throw new GitException(Git("rev-parse", "--verify", revision + "^{commit}"));

    public string TreeOf(string commit) => Objects.TreeOf(commit);

    /// <summary>Uncommitted changes of the checkout, NUL-safe: paths of tracked files changed in the index
    /// or the working tree, and untracked files (ignored files excluded).</summary>
    public WorkingTreeChanges Changes()
    {
        var output = Git("status", "--porcelain=v1", "-z", "--untracked-files=all").EnsureOk().Stdout;
        var entries = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var tracked = new List<string>();
        var untracked = new List<string>();
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Length < 4) continue;
            (entry.StartsWith("??", StringComparison.Ordinal) ? untracked : tracked).Add(entry[3..]);
            if (entry[0] is 'R' or 'C') i++; // the rename source follows as its own entry
        }
        return new WorkingTreeChanges(tracked, untracked);
    }

    public bool BranchExists(string branch) => Git("show-ref", "--verify", "--quiet", "refs/heads/" + branch).Ok;

    /// <summary>Compare-and-swap: moves the ref to newSha only if it is at expectedOld now
    /// (ZeroSha: only if the ref does not exist yet).</summary>
    public bool UpdateRef(string reference, string newSha, string expectedOld, string reflogMessage = "otto") =>
        Objects.UpdateRef(reference, newSha, expectedOld, reflogMessage);

    /// <summary>
    /// What `git checkout -B branch commit` does in a clean worktree already at <paramref name="commit"/>,
    /// without its process or its pass over every file: the branch is (re)set to the commit and HEAD attached
    /// to it; the index and the files, already those of the commit, are left alone. The caller vouches for
    /// the worktree being clean and at the commit.
    /// </summary>
    public void AttachNewBranch(string branch, string commit)
    {
        Objects.SetRef("refs/heads/" + branch, commit, "otto: branch for a task, from a spare worktree at " + commit);
        Objects.AttachHead("refs/heads/" + branch, "otto: task worktree on " + branch);
    }

    public bool IsAncestor(string ancestor, string descendant) => Objects.IsAncestor(ancestor, descendant);

    public string? MergeBase(string a, string b) => Objects.MergeBase(a, b);

    /// <summary>Paths that differ between two commits (no rename detection: both sides of a move count).</summary>
    public IReadOnlyList<string> ChangedPaths(string from, string to) => Objects.ChangedPaths(from, to);

    public bool PathExistsIn(string commit, string path) => Objects.PathExistsIn(commit, path);

    /// <summary>A commit's parents, in order.</summary>
    public IReadOnlyList<string> Parents(string commit) => Objects.Parents(commit);

    /// <summary>A commit's whole message.</summary>
    public string MessageOf(string commit) => Objects.Message(commit);

    /// <summary>Makes a commit object from a tree without touching any worktree or ref.</summary>
    public string CommitTree(string tree, IReadOnlyList<string> parents, string message) =>
        Objects.CommitTree(tree, parents, message, IdentityEnvironment() is null ? null : Otto);

    /// <summary>Computes a three-way merge of two commits in memory (git 2.38+); writes no worktree.</summary>
    public MergeTreeResult MergeTree(string ours, string theirs) =>
        MergeTreeResult.Parse(Git("merge-tree", "--write-tree", "-z", "--name-only", ours, theirs));

    public void AddWorktree(string path, string branch, string startPoint)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // BranchExists is asked again on a retry: the failed add may have made the branch already.
        AddWorktreeRetrying(path, () => BranchExists(branch)
            ? Git("worktree", "add", "--quiet", path, branch)
            : Git("worktree", "add", "--quiet", "-b", branch, path, startPoint));
    }

    public void AddDetachedWorktree(string path, string commit)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AddWorktreeRetrying(path, () => Git("worktree", "add", "--quiet", "--detach", path, commit));
    }

    public void RemoveWorktree(string path)
    {
        if (Directory.Exists(path)) Git("worktree", "remove", "--force", "--force", path);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        PruneWorktrees();
    }

    /// <summary>
    /// `git worktree prune` and <see cref="MoveWorktree"/> never run at once in otto's processes: git 2.39's
    /// move renames the folder, then records the new path; a prune between the two finds the recorded path
    /// gone and deletes the worktree's admin folder, leaving a worktree git no longer knows ("not a git
    /// repository"; a loop of prunes beside moves broke one within 6-16 moves). One lock per repository, in
    /// its common git folder, held for the few milliseconds each takes.
    /// </summary>
    public void PruneWorktrees()
    {
        using var serialized = WorktreeAdminLock();
        Git("worktree", "prune");
    }

    /// <summary>`git worktree move`, serialized with otto's prunes (see <see cref="PruneWorktrees"/>). A target
    /// that exists is refused (a failed result, git not run): git would move the worktree *into* that folder,
    /// nesting one checkout inside another (a task merged twice found its first spare still there).</summary>
    public GitResult MoveWorktree(string from, string to)
    {
        if (Directory.Exists(to) || File.Exists(to))
            return new GitResult(["worktree", "move", from, to], 128, "", $"fatal: '{to}' already exists");
        using var serialized = WorktreeAdminLock();
        return Git("worktree", "move", from, to);
    }

    private Platform.FileLock WorktreeAdminLock() => Platform.FileLock.Acquire(Path.Combine(CommonDir, "otto-worktree-admin.flock"));

    /// <summary>
    /// `git worktree add` reads every registered worktree first and dies on a sibling's admin folder that
    /// another add is writing at that moment ("fatal: failed to read .git/worktrees/X/commondir"; about
    /// one in 40 adds at 8 in parallel with git 2.39). It dies before creating anything of its own, so
    /// such a failure is retried; adds stay parallel (one lock for all would queue every task's checkout).
    /// </summary>
    private static void AddWorktreeRetrying(string path, Func<GitResult> add)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = add();
            if (result.Ok) return;
            var siblingRace = result.Stderr.Contains("/worktrees/", StringComparison.Ordinal) && !File.Exists(Path.Combine(path, ".git"));
            if (!siblingRace || attempt == 5) result.EnsureOk();
            Thread.Sleep(Random.Shared.Next(10, 50) * attempt);
        }
    }

    public void DeleteBranch(string branch) => Git("branch", "--quiet", "-D", branch);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> HasIdentity = new(StringComparer.Ordinal);

    /// <summary>This worktree's own git folder (for a linked worktree, the one its `.git` file names).</summary>
    public string GitDir
    {
        get
        {
            var marker = Path.Combine(Root, ".git");
            if (Directory.Exists(marker)) return marker;
            var text = File.Exists(marker) ? File.ReadAllText(marker).Trim() : "";
            if (text.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                var dir = text["gitdir:".Length..].Trim();
                return Path.GetFullPath(Path.IsPathRooted(dir) ? dir : Path.Combine(Root, dir));
            }
            return Path.GetFullPath(Path.Combine(Root, Git("rev-parse", "--git-dir").EnsureOk().Line));
        }
    }

    /// <summary>The user's identity when configured, otherwise "otto", so commit-tree never fails on it.
    /// Asked of git once per worktree and process (it is needed for every commit).</summary>
    public IReadOnlyDictionary<string, string?>? IdentityEnvironment()
    {
        var configured = HasIdentity.GetOrAdd(Root, _ => Objects.HasUserIdentity());
        return configured ? null : OttoIdentity;
    }
}
