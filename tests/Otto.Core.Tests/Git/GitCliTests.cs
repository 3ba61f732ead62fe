using Otto.Git;

namespace Otto.Tests.Git;

/// <summary>The git CLI in a folder that has just gone (a worktree another thread moved): a failure the
/// caller handles, as `git -C` reports it, never an exception from starting the process.</summary>
public sealed class GitCliTests
{
    [Fact]
    public void Git_in_a_folder_that_is_gone_fails_like_git_C_does()
    {
        using var temp = new TempDir();
        var gone = Path.Combine(temp.Path, "moved-away");

        var result = GitCli.Run(gone, "status", "--porcelain");

        Assert.False(result.Ok);
        Assert.Equal(128, result.ExitCode);
        Assert.Contains("cannot change to", result.Stderr, StringComparison.Ordinal);
        Assert.Throws<GitException>(() => result.EnsureOk());
    }
}
