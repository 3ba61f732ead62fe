using Otto.Git;
using Otto.Reporting;

namespace Otto.Tests.Reporting;

/// <summary>
/// The checkout snapshot is taken from one `git status --porcelain=v2 --branch` (HEAD, branch and paths in one
/// process): what it records must be what the former two sources said, `git status --porcelain=v1` for the
/// paths and their letters, `git rev-parse HEAD` and `git symbolic-ref` for HEAD and its branch, so that a
/// record taken by either reads the same. Checked against those on real repositories in many states.
/// </summary>
public sealed class CheckoutSnapshotTests
{
    [Fact]
    public void A_checkout_in_many_states_is_recorded_with_v1_s_paths_and_letters()
    {
        using var repo = new TempRepo();
        repo.Write("tracked.txt", "one\n").Write("to rename.txt", "a file long enough to be seen as renamed\n")
            .Write("staged.txt", "s\n").Write("deleted.txt", "d\n").Write("both.txt", "b\n").Commit("files");
        repo.Write("tracked.txt", "two\n");
        repo.Git("mv", "to rename.txt", "renamed with spaces.txt");
        repo.Write("staged.txt", "staged\n").Git("add", "staged.txt");
        File.Delete(repo.Path("deleted.txt"));
        repo.Write("both.txt", "index\n").Git("add", "both.txt");
        repo.Write("both.txt", "worktree\n");
        repo.Write("new dir/untracked file.txt", "u\n").Write("line\nbreak.txt", "n\n").Write("ünïcode.txt", "ü\n");
        repo.Write(".gitignore", "ignored.log\n").Write("ignored.log", "i\n");

        var snapshot = Take(repo.Root);

        Assert.Equal(V1Letters(repo), snapshot.Files.ToDictionary(f => f.Key, f => f.Value[..2]));
        Assert.Contains("renamed with spaces.txt", snapshot.Files.Keys);
        Assert.Contains("line\nbreak.txt", snapshot.Files.Keys);
        Assert.DoesNotContain("ignored.log", snapshot.Files.Keys);
        Assert.Equal(repo.Head, snapshot.Head);
        Assert.Equal("main", snapshot.Branch);
    }

    [Fact]
    public void An_unmerged_path_is_recorded_with_its_conflict_letters()
    {
        using var repo = new TempRepo();
        repo.Write("file.txt", "base\n").Commit("base");
        repo.Git("checkout", "--quiet", "-b", "other");
        repo.Write("file.txt", "other\n").Commit("other");
        repo.Git("checkout", "--quiet", "main");
        repo.Write("file.txt", "main\n").Commit("main");
        Assert.False(repo.TryGit("merge", "--quiet", "other").Ok);

        var snapshot = Take(repo.Root);

        Assert.Equal(V1Letters(repo), snapshot.Files.ToDictionary(f => f.Key, f => f.Value[..2]));
        Assert.StartsWith("UU ", snapshot.Files["file.txt"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_detached_head_has_no_branch_and_an_unborn_one_no_commit()
    {
        using var repo = new TempRepo();
        var head = repo.Head;
        repo.Git("checkout", "--quiet", "--detach");
        using var unborn = new TempRepo(withInitialCommit: false);
        unborn.Write("first.txt", "f\n");

        var detached = Take(repo.Root);
        var empty = Take(unborn.Root);

        Assert.Equal((head, (string?)null), (detached.Head, detached.Branch));
        Assert.Equal(((string?)null, "main"), (empty.Head, empty.Branch));
        Assert.Equal(["first.txt"], empty.Files.Keys);
    }

    [Fact]
    public void Content_is_hashed_as_the_first_64_bits_of_its_sha256()
    {
        using var repo = new TempRepo();
        var big = new string('x', 300 * 1024); // past the managed hash's limit: the platform's hashes it
        repo.Write("small.txt", "small\n").Write("big.txt", big);

        var files = Take(repo.Root).Files;

        Assert.Equal("?? " + Sha256Prefix("small\n"), files["small.txt"]);
        Assert.Equal("?? " + Sha256Prefix(big), files["big.txt"]);
    }

    [Fact]
    public void Taking_a_snapshot_does_not_write_the_index()
    {
        using var repo = new TempRepo();
        // Same content, other stat data: a `git status` that may write refreshes the index's entry for it.
        File.SetLastWriteTimeUtc(repo.Path("README.md"), DateTime.UtcNow.AddMinutes(-5));
        var index = File.ReadAllBytes(repo.Path(".git/index"));

        Take(repo.Root);

        Assert.Equal(index, File.ReadAllBytes(repo.Path(".git/index")));
    }

    [Fact]
    public void Changes_name_head_then_each_differing_path_in_order()
    {
        var start = new CheckoutSnapshot("a", "main", new Dictionary<string, string> { ["b"] = "?? 1", ["kept"] = " M 2", ["gone"] = "?? 3" });
        var end = new CheckoutSnapshot("a", "other", new Dictionary<string, string> { ["b"] = "?? 9", ["kept"] = " M 2", ["a new"] = "?? 4" });

        Assert.Equal([CheckoutWatch.Head, "a new", "b", "gone"], CheckoutSnapshot.Changes(start, end));
        Assert.Empty(CheckoutSnapshot.Changes(start, start with { }));
    }

    [Fact]
    public void A_folder_git_cannot_read_gives_no_snapshot()
    {
        using var dir = new TempDir();

        Assert.Null(CheckoutSnapshot.Take(Path.Combine(dir.Path, "missing")));
        Assert.Null(CheckoutSnapshot.Take(dir.Path));
    }

    [Fact]
    public void A_rename_git_finds_in_the_worktree_is_recorded_as_v1_lists_it()
    {
        using var repo = new TempRepo();
        repo.Write("old.txt", "a file long enough to be seen as renamed by git\n").Commit("old");
        repo.Write("new.txt", "placeholder\n").Git("add", "-N", "new.txt");
        File.Move(repo.Path("old.txt"), repo.Path("new.txt"), overwrite: true);

        var snapshot = Take(repo.Root);

        Assert.Equal(V1Letters(repo), snapshot.Files.ToDictionary(f => f.Key, f => f.Value[..2]));
        Assert.Equal(["new.txt"], snapshot.Files.Keys);
    }

    [Fact]
    public void A_head_on_a_ref_outside_refs_heads_keeps_its_name()
    {
        using var repo = new TempRepo();
        repo.Git("update-ref", "refs/remotes/origin/x", "HEAD");
        repo.Git("symbolic-ref", "HEAD", "refs/remotes/origin/x");

        Assert.Equal("origin/x", Take(repo.Root).Branch);
    }

    [Fact]
    public void Symlinks_are_hashed_as_their_target_and_a_fifo_never_blocks()
    {
        using var repo = new TempRepo();
        var fifo = repo.Path("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        File.CreateSymbolicLink(repo.Path("to-pipe"), fifo);
        File.CreateSymbolicLink(repo.Path("to-zero"), "/dev/zero");
        File.Delete(repo.Path("README.md"));
        File.Move(fifo, repo.Path("README.md")); // a tracked file replaced by a FIFO

        var files = Take(repo.Root).Files;

        Assert.Equal("?? " + Sha256Prefix("symlink " + fifo), files["to-pipe"]);
        Assert.Equal("?? " + Sha256Prefix("symlink /dev/zero"), files["to-zero"]);
        Assert.EndsWith(" special", files["README.md"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_hidden_by_an_ignore_rule_shows_as_a_change_of_the_rule_s_file()
    {
        using var repo = new TempRepo();
        var start = Take(repo.Root);
        repo.Write("PWNED", "x\n");
        File.AppendAllText(repo.Path(".git/info/exclude"), "PWNED\n");

        var end = Take(repo.Root);

        Assert.DoesNotContain("PWNED", end.Files.Keys);
        Assert.Equal([".git/info/exclude"], CheckoutSnapshot.Changes(start, end));
    }

    [Theory]
    [InlineData("--assume-unchanged")]
    [InlineData("--skip-worktree")]
    public void A_write_hidden_by_the_index_s_bits_shows_as_a_change_of_them(string bit)
    {
        using var repo = new TempRepo();
        repo.Git("update-index", "--skip-worktree", "README.md"); // a sparse checkout's bit, there from the start
        repo.Write("tracked.txt", "t\n").Commit("tracked");
        var start = Take(repo.Root);
        repo.Write("tracked.txt", "PWNED\n").Git("update-index", bit, "tracked.txt");

        var end = Take(repo.Root);

        Assert.DoesNotContain("tracked.txt", end.Files.Keys);
        Assert.Equal([CheckoutSnapshot.HiddenByIndex], CheckoutSnapshot.Changes(start, end));
    }

    [Fact]
    public void A_record_from_before_the_rules_were_kept_compares_its_paths_only()
    {
        using var repo = new TempRepo();
        var before = Take(repo.Root) with { GitRules = null };
        File.AppendAllText(repo.Path(".git/info/exclude"), "anything\n");

        Assert.Empty(CheckoutSnapshot.Changes(before, Take(repo.Root)));
    }

    private static CheckoutSnapshot Take(string root) => CheckoutSnapshot.Take(root) ?? throw new InvalidOperationException($"git could not read {root}");

    /// <summary>The paths and letters `git status --porcelain=v1 -z` lists: what snapshots were taken from before.</summary>
    private static Dictionary<string, string> V1Letters(TempRepo repo)
    {
        var letters = new Dictionary<string, string>();
        var entries = repo.Git("status", "--porcelain=v1", "-z", "--untracked-files=all").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            letters[entries[i][3..]] = entries[i][..2];
            if (entries[i][0] is 'R' or 'C' || entries[i][1] is 'R' or 'C') i++; // the rename's source follows
        }
        return letters;
    }

    private static string Sha256Prefix(string content) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)))[..16];
}
