using Otto.Engine;

namespace Otto.Tests.Engine;

/// <summary>issue 9 #17: which branches `otto gc --prune-branches` may delete; never work found nowhere else
/// without --force (and --older-than), never an unbuilt plan before --older-than allows.</summary>
public sealed class BranchPrunerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static BranchReview Branch(int unique, double daysOld, bool planned = false) =>
        new("otto/r", "integration branch of a failed run", Now.AddDays(-daysOld), unique, planned);

    private static GcOptions Options(bool force = false, double? olderThanDays = null) =>
        new(PruneBranches: true, force, olderThanDays is { } d ? TimeSpan.FromDays(d) : null) { Now = Now };

    [Theory]
    [InlineData(0, 0.0, false, null, true)]      // contained elsewhere: goes, whatever its age
    [InlineData(0, 100.0, false, 7.0, true)]
    [InlineData(2, 100.0, false, null, false)]   // unique work, no --force
    [InlineData(2, 100.0, false, 7.0, false)]    // old enough, still no --force
    [InlineData(2, 100.0, true, 7.0, true)]      // --force and older than --older-than
    [InlineData(2, 3.0, true, 7.0, false)]       // --force, but too young
    public void Work_found_nowhere_else_needs_force_and_age(int unique, double age, bool force, double? olderThan, bool deleted) =>
        Assert.Equal(deleted, BranchPruner.Keep(Branch(unique, age), Options(force, olderThan)) is null);

    [Theory]
    [InlineData(null, false)]
    [InlineData(30.0, false)]
    [InlineData(7.0, true)]
    public void An_unbuilt_plan_goes_only_when_older_than_allows(double? olderThan, bool deleted) =>
        Assert.Equal(deleted, BranchPruner.Keep(Branch(0, 10, planned: true), Options(olderThanDays: olderThan)) is null);

    [Fact]
    public void Reasons_say_what_would_delete_the_branch()
    {
        Assert.Equal("2 commits found on no other branch; --force --older-than DURATION deletes it", BranchPruner.Keep(Branch(2, 1), Options()));
        Assert.Equal("1 commit found on no other branch; younger than --older-than 7d", BranchPruner.Keep(Branch(1, 1), Options(true, 7)));
    }

    [Fact]
    public void Unique_commits_are_counted_against_every_other_branch_tag_and_remote_but_not_heads_or_branches_going_too()
    {
        using var repo = new TempRepo();
        repo.Git("branch", "otto/r");                                  // at the base: contained in main
        repo.Git("checkout", "--quiet", "-b", "otto/tasks/r/t");
        repo.Write("t.txt", "task\n").Commit("the task's work");
        repo.Git("checkout", "--quiet", "-b", "otto/r2");
        repo.Write("m.txt", "merge\n").Commit("integration's own commit");
        repo.Git("checkout", "--quiet", "main");
        repo.Git("worktree", "add", "--quiet", repo.Path("../wt"), "otto/tasks/r/t");

        Assert.Equal(0, BranchPruner.UniqueCommits(repo.Repo, "otto/r", []));
        Assert.Equal(0, BranchPruner.UniqueCommits(repo.Repo, "otto/tasks/r/t", []));   // on otto/r2
        Assert.Equal(1, BranchPruner.UniqueCommits(repo.Repo, "otto/r2", []));
        Assert.Equal(2, BranchPruner.UniqueCommits(repo.Repo, "otto/r2", ["otto/tasks/r/t"]));
        repo.Git("tag", "keep-it", "otto/r2");
        Assert.Equal(0, BranchPruner.UniqueCommits(repo.Repo, "otto/r2", ["otto/tasks/r/t"]));
    }

    [Fact]
    public void A_merged_tasks_branch_whose_squash_landing_is_elsewhere_goes_without_force_and_the_landing_is_looked_up_on_other_refs()
    {
        Assert.Null(BranchPruner.Keep(Branch(3, 0) with { Landed = true }, Options()));

        using var repo = new TempRepo();
        repo.Git("checkout", "--quiet", "-b", "otto/r");
        repo.Write("t.txt", "task\n").Commit("Add t (the squash landing)");
        var landing = repo.Head;
        repo.Git("checkout", "--quiet", "main");

        Assert.True(BranchPruner.OnAnotherRef(repo.Repo, landing, []));
        Assert.False(BranchPruner.OnAnotherRef(repo.Repo, landing, ["otto/r"]));
    }
}
