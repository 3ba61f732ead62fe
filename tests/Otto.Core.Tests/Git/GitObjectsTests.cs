using Otto.Git;

namespace Otto.Tests.Git;

/// <summary>
/// Both git back-ends (the CLI and libgit2) on the same real temp repositories: every answer otto relies
/// on is checked against what git itself says, so the two cannot drift apart.
/// </summary>
public sealed class GitObjectsTests : IDisposable
{
    public static TheoryData<string> Backends => new() { "cli", "libgit2" };

    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private IGitObjects Objects(string backend) => GitBackend.Named(_repo.Root, backend);

    private string Rev(string revision) => _repo.Git("rev-parse", revision).Trim();

    [Theory, MemberData(nameof(Backends))]
    public void Resolves_branches_shas_HEAD_and_annotated_tags_to_commits_and_nothing_else(string backend)
    {
        var first = _repo.Head;
        _repo.Git("tag", "-a", "-m", "release", "v1");
        _repo.Git("branch", "feature");
        var git = Objects(backend);

        Assert.Equal(first, git.TryResolveCommit("refs/heads/feature"));
        Assert.Equal(first, git.TryResolveCommit(first));
        Assert.Equal(first, git.TryResolveCommit("HEAD"));
        Assert.Equal(first, git.TryResolveCommit("v1"));
        Assert.Null(git.TryResolveCommit("refs/heads/missing"));
        Assert.Null(git.TryResolveCommit(Rev("HEAD^{tree}"))); // a tree is not a commit
        Assert.Null(git.TryResolveCommit("not a revision ^^"));
        Assert.Equal(Rev("HEAD^{tree}"), git.TreeOf(first));
    }

    [Theory, MemberData(nameof(Backends))]
    public void Ancestry_and_merge_bases_are_gits(string backend)
    {
        var root = _repo.Head;
        _repo.Git("checkout", "-q", "-b", "side");
        var side = _repo.Write("side.txt", "side\n").Commit("side");
        _repo.Git("checkout", "-q", "main");
        var main = _repo.Write("main.txt", "main\n").Commit("main");
        _repo.Git("checkout", "-q", "--orphan", "lonely");
        var lonely = _repo.Write("lonely.txt", "x\n").Commit("unrelated history");
        var git = Objects(backend);

        Assert.True(git.IsAncestor(root, main));
        Assert.True(git.IsAncestor(main, main));
        Assert.False(git.IsAncestor(main, root));
        Assert.False(git.IsAncestor(side, main));
        Assert.Equal(root, git.MergeBase(side, main));
        Assert.Null(git.MergeBase(lonely, main));
        Assert.False(git.IsAncestor(lonely, main));
    }

    [Theory, MemberData(nameof(Backends))]
    public void Changed_paths_are_gits_diff_without_renames_sorted(string backend)
    {
        _repo.Write("keep.txt", "k\n").Write("old/name.txt", "moved\n").Write("gone.txt", "g\n").Write("mode.sh", "echo\n").Write("edit.txt", "1\n");
        var before = _repo.Commit("before");
        File.Delete(_repo.Path("gone.txt"));
        _repo.Git("mv", "old/name.txt", "new-name.txt");
        MakeExecutable(_repo.Path("mode.sh"));
        _repo.Write("edit.txt", "2\n").Write("dir/added.txt", "a\n");
        var after = _repo.Commit("after");
        var expected = _repo.Git("diff", "--name-only", "--no-renames", "-z", before, after).Split('\0', StringSplitOptions.RemoveEmptyEntries);

        var changed = Objects(backend).ChangedPaths(before, after);

        Assert.Equal(["dir/added.txt", "edit.txt", "gone.txt", "mode.sh", "new-name.txt", "old/name.txt"], changed);
        Assert.Equal(expected, changed);
        Assert.Empty(Objects(backend).ChangedPaths(after, after));
    }

    [Theory, MemberData(nameof(Backends))]
    public void Paths_parents_and_messages_of_commits(string backend)
    {
        var first = _repo.Head;
        var second = _repo.Write("a/b.txt", "x\n").Commit("second\n\nwith a body");
        var git = Objects(backend);

        Assert.True(git.PathExistsIn(second, "a/b.txt"));
        Assert.True(git.PathExistsIn(second, "a"));
        Assert.False(git.PathExistsIn(first, "a/b.txt"));
        Assert.Equal([first], git.Parents(second));
        Assert.Empty(git.Parents(first));
        Assert.Equal("second\n\nwith a body\n", git.Message(second)); // the raw message, as the commit object holds it
    }

    [Theory, MemberData(nameof(Backends))]
    public void A_commit_made_from_a_tree_has_exactly_the_tree_parents_message_and_identity_given(string backend)
    {
        var first = _repo.Head;
        _repo.Git("checkout", "-q", "-b", "side");
        var side = _repo.Write("s.txt", "s\n").Commit("side");
        var tree = Rev("side^{tree}");
        const string message = "otto: merge task t1: a title\n\nOtto-Run: r\nOtto-Task: t1\n";
        var git = Objects(backend);

        var configured = git.CommitTree(tree, [first, side], message, null);
        var fallback = git.CommitTree(tree, [first], "otto(t1): attempt 1", new GitIdentity("otto", "otto@localhost"));

        Assert.Equal(tree, Rev(configured + "^{tree}"));
        Assert.Equal($"{configured} {first} {side}", _repo.Git("rev-list", "--parents", "-n", "1", configured).Trim());
        Assert.Equal(message, _repo.Git("cat-file", "commit", configured).Split("\n\n", 2)[1]);
        Assert.Equal("Test Author <test@example.invalid>|Test Author <test@example.invalid>", _repo.Git("log", "-1", "--format=%an <%ae>|%cn <%ce>", configured).Trim());
        Assert.Equal("otto <otto@localhost>", _repo.Git("log", "-1", "--format=%an <%ae>", fallback).Trim());
        Assert.Equal("otto(t1): attempt 1", _repo.Git("cat-file", "commit", fallback).Split("\n\n", 2)[1]);
        Assert.True(git.HasUserIdentity());
        _repo.Git("fsck", "--strict", "--no-dangling");
    }

    [Theory, MemberData(nameof(Backends))]
    public void The_index_tree_is_what_git_write_tree_writes(string backend)
    {
        _repo.Write("staged.txt", "s\n").Write("sub/x.txt", "x\n");
        _repo.Git("add", "staged.txt", "sub/x.txt");

        var tree = Objects(backend).WriteIndexTree();

        Assert.Equal(_repo.Git("write-tree").Trim(), tree);
    }

    [Theory, MemberData(nameof(Backends))]
    public void A_ref_moves_only_from_the_expected_value_and_the_move_is_in_its_reflog(string backend)
    {
        var first = _repo.Head;
        var second = _repo.Write("b.txt", "b\n").Commit("second");
        var git = Objects(backend);
        const string reference = "refs/heads/otto/run";

        Assert.True(git.UpdateRef(reference, first, GitRepo.ZeroSha, "otto: run started"));
        Assert.False(git.UpdateRef(reference, second, GitRepo.ZeroSha, "otto: must not exist")); // it exists now
        Assert.False(git.UpdateRef(reference, second, second, "otto: wrong expectation"));
        Assert.Equal(first, Rev(reference));
        Assert.True(git.UpdateRef(reference, second, first, "otto: merge task t1"));
        Assert.Equal(second, Rev(reference));
        Assert.Equal("otto: merge task t1", _repo.Git("reflog", "show", "-1", "--format=%gs", reference).Trim());
        git.SetRef(reference, first, "otto: reset");
        Assert.Equal(first, Rev(reference));
    }

    [Theory, MemberData(nameof(Backends))]
    public void A_new_branch_attached_in_a_spare_worktree_is_what_git_checkout_B_leaves_and_touches_only_that_worktree(string backend)
    {
        var first = _repo.Head;
        var second = _repo.Write("b.txt", "b\n").Commit("second");
        var spare = _repo.Path("../spare");
        _repo.Git("worktree", "add", "--quiet", "--detach", spare, second);
        _repo.Git("branch", "otto/tasks/r/t1", first); // an older branch of that name is reset, as -B does
        var worktree = new GitRepo(spare);
        var before = File.GetLastWriteTimeUtc(Path.Combine(spare, "b.txt"));
        var git = GitBackend.Named(spare, backend);

        // What GitRepo.AttachNewBranch does, on this back-end.
        git.SetRef("refs/heads/otto/tasks/r/t1", second, "otto: branch for a task");
        git.AttachHead("refs/heads/otto/tasks/r/t1", "otto: task worktree");

        Assert.Equal("otto/tasks/r/t1", worktree.CurrentBranch);
        Assert.Equal(second, Rev("refs/heads/otto/tasks/r/t1"));
        Assert.Equal("refs/heads/otto/tasks/r/t1", worktree.Git("symbolic-ref", "HEAD").Line);
        Assert.Equal("", worktree.Git("status", "--porcelain", "--untracked-files=all").Stdout); // index and files are the commit's
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(spare, "b.txt")));
        Assert.Equal("main", _repo.Git("symbolic-ref", "--short", "HEAD").Trim()); // the main checkout's HEAD is its own
        Assert.Equal(second, Rev("HEAD"));
    }

    [Theory, MemberData(nameof(Backends))]
    public void Ref_updates_still_run_a_reference_transaction_hook(string backend)
    {
        var first = _repo.Head;
        var seen = _repo.Path("../hook-saw");
        var hook = _repo.Path(".git/hooks/reference-transaction");
        File.WriteAllText(hook, $"#!/bin/sh\nwhile read old new ref; do echo \"$1 $ref\" >> '{seen}'; done\n");
        MakeExecutable(hook);

        Assert.True(Objects(backend).UpdateRef("refs/heads/otto/hooked", first, GitRepo.ZeroSha, "otto: run started"));

        Assert.Contains("committed refs/heads/otto/hooked", File.ReadAllText(seen), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hook_in_core_hooksPath_of_a_worktrees_own_config_is_found()
    {
        var worktree = _repo.Path("../wt");
        _repo.Git("config", "extensions.worktreeConfig", "true");
        _repo.Git("worktree", "add", "-q", "--detach", worktree);
        var hooks = _repo.Path("../wt-hooks");
        Directory.CreateDirectory(hooks);
        GitCli.Run(worktree, "config", "--worktree", "core.hooksPath", hooks).EnsureOk();

        Assert.False(GitHooks.Has(worktree, "reference-transaction"));
        File.WriteAllText(Path.Combine(hooks, "reference-transaction"), "#!/bin/sh\n");
        MakeExecutable(Path.Combine(hooks, "reference-transaction"));
        Assert.True(GitHooks.Has(worktree, "reference-transaction"));
        Assert.False(GitHooks.Has(_repo.Root, "reference-transaction")); // the main checkout has no such hook
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Theory, MemberData(nameof(Backends))]
    public void Tree_changes_are_what_git_diff_raw_lists_modes_objects_and_kinds_included(string backend)
    {
        var before = _repo.Write("keep.txt", "keep\n").Write("edit.txt", "one\n").Write("gone.txt", "bye\n").Write("run.sh", "echo\n")
            .Write("becomes-link", "a file\n").Commit("before");
        File.Delete(_repo.Path("gone.txt"));
        File.Delete(_repo.Path("becomes-link"));
        File.CreateSymbolicLink(_repo.Path("becomes-link"), "keep.txt");
        File.CreateSymbolicLink(_repo.Path("new-link"), "../outside");
        _repo.Write("edit.txt", "two\n").Write("dir/new.txt", "new\n");
        _repo.Git("add", "-A");
        _repo.Git("update-index", "--chmod=+x", "run.sh");
        _repo.Git("update-index", "--add", "--cacheinfo", $"160000,{before},vendor/sub"); // a submodule entry
        _repo.Git("commit", "--quiet", "--no-verify", "-m", "after");
        var after = _repo.Head;
        var git = Objects(backend);

        var expected = TreeChange.ParseRaw(_repo.Git("diff", "--raw", "-z", "--no-renames", "--no-abbrev", before, after));
        var changes = git.Changes(before, after);

        Assert.Equal(expected, changes);
        Assert.Equal(["becomes-link", "dir/new.txt", "edit.txt", "gone.txt", "new-link", "run.sh", "vendor/sub"], changes.Select(c => c.Path));
        Assert.Equal("TAMDAMA", string.Concat(changes.Select(c => c.Status)));
        Assert.Empty(git.Changes(after, after));
    }

    [Theory, MemberData(nameof(Backends))]
    public void Blob_sizes_are_gits_and_missing_objects_are_left_out(string backend)
    {
        _repo.Write("ten.txt", "0123456789").Write("empty.txt", "").Commit("blobs");
        var ten = Rev("HEAD:ten.txt");
        var empty = Rev("HEAD:empty.txt");
        var missing = new string('e', 40);

        var sizes = Objects(backend).BlobSizes([ten, empty, missing]);

        Assert.Equal(new Dictionary<string, long> { [ten] = 10, [empty] = 0 }, sizes);
        Assert.Empty(Objects(backend).BlobSizes([]));
    }

    [Theory, MemberData(nameof(Backends))]
    public void Blobs_are_read_in_order_as_the_bytes_git_stored_decoded_as_UTF8_with_nothing_taken_away(string backend)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\r', (byte)'\n', 0xC3, 0xA9, 0xFF, (byte)'\n', .. Enumerable.Repeat((byte)'x', 100_000)];
        File.WriteAllBytes(_repo.Path("blob.bin"), bytes);
        _repo.Write("empty.txt", "").Write("short.txt", "no newline");
        _repo.Commit("blobs");
        var blobs = new[] { Rev("HEAD:blob.bin"), Rev("HEAD:empty.txt"), Rev("HEAD:short.txt"), Rev("HEAD:blob.bin") };
        var texts = new List<(int, string)>();

        // The first read stops after a line: what a reader leaves unread must not shift the next blob.
        Objects(backend).ReadBlobsText(blobs, (i, reader) => texts.Add((i, i == 0 ? reader.ReadLine()! : reader.ReadToEnd())));

        Assert.Equal(
            [(0, "\uFEFFa"), (1, ""), (2, "no newline"), (3, "\uFEFFa\r\n\u00E9\uFFFD\n" + new string('x', 100_000))],
            texts);
        Assert.Throws<InvalidOperationException>(() => Objects(backend).ReadBlobsText([Rev("HEAD^{tree}")], (_, reader) => reader.ReadToEnd()));
    }

    /// <summary>Once every blob is read, git ends on its own (the CLI back-end once killed it there, racing its
    /// exit: `git cat-file --batch` failed with 137 on about half the reads).</summary>
    [Theory, MemberData(nameof(Backends))]
    public void Reading_blobs_to_the_end_never_fails(string backend)
    {
        _repo.Write("a.txt", "hello\n").Commit("a");
        var blob = Rev("HEAD:a.txt");
        var read = 0;

        for (var n = 0; n < 20; n++) Objects(backend).ReadBlobsText([blob, blob], (_, reader) => read += reader.ReadToEnd().Length);

        Assert.Equal(20 * 2 * "hello\n".Length, read);
    }
}
