using Otto.Git;

namespace Otto.Tests.Hooks;

/// <summary>Raw diffs of real commits: what plain path lists hide (modes, symlinks, submodules) is kept.</summary>
public sealed class TreeChangeTests
{
    [Fact]
    public void Each_kind_of_staged_change_is_seen_with_its_modes()
    {
        using var repo = new TempRepo();
        repo.Write("keep.txt", "a\n").Write("gone.txt", "b\n").Write("run.sh", "echo\n").Commit("base");
        repo.Write("keep.txt", "changed\n").Write("new.txt", "c\n");
        File.Delete(repo.Path("gone.txt"));
        File.CreateSymbolicLink(repo.Path("link"), "/etc/passwd");
        repo.Git("add", "--all");
        repo.Git("update-index", "--chmod=+x", "run.sh");
        repo.Git("update-index", "--add", "--cacheinfo", $"160000,{repo.Head},vendor/lib");

        var changes = TreeChange.Between(repo.Repo, "--cached", "HEAD").ToDictionary(c => c.Path);

        Assert.Equal("modified", changes["keep.txt"].Description);
        Assert.Equal("added", changes["new.txt"].Description);
        Assert.Equal("deleted", changes["gone.txt"].Description);
        Assert.Equal("mode changed (100644 -> 100755)", changes["run.sh"].Description);
        Assert.Equal("a new symlink", changes["link"].Description);
        Assert.True(changes["link"].IsSymlink);
        Assert.Equal("/etc/passwd", TreeChange.LinkTarget(repo.Repo, changes["link"].NewObject));
        Assert.Equal("a new submodule (gitlink)", changes["vendor/lib"].Description);
    }

    [Fact]
    public void A_rename_is_both_of_its_paths_and_names_with_spaces_survive()
    {
        using var repo = new TempRepo();
        repo.Write("old name.txt", "same\n").Commit("base");
        repo.Git("mv", "old name.txt", "new name.txt");

        var changes = TreeChange.Between(repo.Repo, "--cached", "HEAD");

        Assert.Equal(["new name.txt", "old name.txt"], changes.Select(c => c.Path).Order(StringComparer.Ordinal));
    }
}
