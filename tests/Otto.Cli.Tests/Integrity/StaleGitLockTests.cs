using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Integrity;

/// <summary>
/// A process killed while it updated the task's branch leaves git's `REF.lock` behind, and git refuses every
/// later update of that branch until it goes (a ChaosTests run failed a task three times over it). Here the
/// first attempt's agent leaves such a lock, as a killed otto would: that attempt cannot commit, and the
/// next attempt, which owns the task's claim, removes it and succeeds.
/// </summary>
public sealed class StaleGitLockTests
{
    [Fact]
    public async Task A_lock_left_on_the_task_branch_fails_one_attempt_not_the_task()
    {
        const string leaveLock = """run: ["touch \"$(git rev-parse --git-common-dir)/refs/heads/$(git symbolic-ref --short HEAD).lock\""]""";
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork(extra: leaveLock), Scenarios.PassingWork()));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var failed = Assert.Single(run.EventsOf("attempt_failed", "work"));
        Assert.Equal(1, (int?)failed["attempt"]);
        Assert.Contains(".lock", (string?)failed["data"]!["reason"], StringComparison.Ordinal); // it failed on the lock
        Assert.Equal(2, (int?)Assert.Single(run.EventsOf("task_merged", "work"))["attempt"]);
        Assert.Empty(Directory.GetFiles(project.Repo.Path(".git/refs/heads"), "*.lock", SearchOption.AllDirectories));
    }
}
