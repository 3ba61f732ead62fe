using Otto.Git;

namespace Otto.Tests.Git;

/// <summary>A killed update leaves git's lock files; git then refuses the ref or index until they go. otto
/// removes them where it alone writes: a task branch (in the shared git folder, found from a linked
/// worktree) and a task worktree's index and HEAD locks.</summary>
public sealed class StaleGitLocksTests
{
    [Fact]
    public void A_stale_ref_lock_and_index_lock_block_git_until_removed()
    {
        using var repo = new TempRepo();
        using var place = new TempDir("otto-locks-");
        var worktreeDir = Path.Combine(place.Path, "task");
        repo.Git("worktree", "add", "--quiet", "-b", "otto/tasks/r/t1", worktreeDir);
        var worktree = new GitRepo(worktreeDir);
        var common = Path.Combine(repo.Root, ".git");
        File.WriteAllText(Path.Combine(common, "refs/heads/otto/tasks/r/t1.lock"), "");
        File.WriteAllText(Path.Combine(worktree.GitDir, "index.lock"), "");
        File.WriteAllText(Path.Combine(worktreeDir, "new.txt"), "new\n");

        Assert.False(worktree.Git("update-ref", "refs/heads/otto/tasks/r/t1", "HEAD").Ok);
        Assert.False(worktree.Git("add", "--all").Ok);

        StaleGitLocks.RemoveForRef(worktree, "refs/heads/otto/tasks/r/t1"); // from the worktree: the shared folder
        StaleGitLocks.RemoveForWorktree(worktree);

        Assert.True(worktree.Git("update-ref", "refs/heads/otto/tasks/r/t1", "HEAD").Ok);
        Assert.True(worktree.Git("add", "--all").Ok);
        Assert.Equal(common, worktree.CommonDir);
    }

    [Fact]
    public void Nothing_happens_without_locks_or_without_the_worktree()
    {
        using var repo = new TempRepo();
        var before = repo.Git("for-each-ref");

        StaleGitLocks.RemoveForRef(repo.Repo, "refs/heads/main");
        StaleGitLocks.RemoveForWorktree(new GitRepo(Path.Combine(repo.Root, "no-such-worktree")));

        Assert.Equal(before, repo.Git("for-each-ref"));
        Assert.Equal(repo.Path(".git"), repo.Repo.CommonDir);
    }
}
