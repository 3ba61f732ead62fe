using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>The decider once every task merged and the branch is verified: review rounds, their fix rounds routed by ownership, and the limit.</summary>
public sealed class PostMergeReviewTests
{
    private static readonly SchedulerPolicy ReviewOn = Policy() with { ReviewEnabled = true, MaxReviewRounds = 2 };

    private static RunState Verified(params TaskState[] tasks) =>
        Run(tasks) with { IntegrationVerified = true, IntegrationVerifyAttempts = 1, IntegrationHead = "h1", BaseSha = "b0" };

    private static ReviewFinished Review(int round, params Finding[] findings) =>
        new(round, round, "h1", findings.Length == 0 ? "approve" : "request_changes", "s", findings, $"review-{round}.json");

    [Fact]
    public void Without_review_a_verified_branch_is_success_and_with_it_the_reviewer_is_asked_first()
    {
        var state = Verified(Task("api").Merged());

        Assert.Equal([new FinishRun(RunStatus.Succeeded, null)], Decide(state));
        Assert.Equal([new RunStage(Stage.Review, 1, Continue: false)], Decide(state, ReviewOn));
        Assert.Equal([new RunStage(Stage.Review, 1, Continue: false)], Decide(state with { Review = new ReviewProgress(Requested: true) }));
    }

    [Fact]
    public void Only_blocker_and_major_findings_become_fix_rounds_each_for_the_task_owning_its_path_and_unowned_ones_for_the_integration_task()
    {
        var state = Verified(Task("api").Merged(), Task("web").Merged()) with
        {
            Review = new ReviewProgress(Rounds: 1, Attempts: 1, Last: Review(1,
                new Finding("src/api/a.cs", 3, "blocker", "null deref"),
                new Finding("src/web/w.cs", null, "nit", "naming"),
                new Finding("docs/x.md", null, "major", "wrong claim"))),
        };

        var decisions = Decide(state, ReviewOn);

        var reopen = Assert.IsType<ReopenTask>(decisions[0]);
        Assert.Equal("api", reopen.TaskId);
        Assert.Equal("null deref", Assert.Single(reopen.Reopen.Round.Findings!).Message);
        Assert.Equal(("h1", FixSource.Review, 1), (reopen.Reopen.Round.IntegrationSha, reopen.Reopen.Round.Source, reopen.Reopen.Round.Number));
        var add = Assert.IsType<AddTask>(decisions[1]);
        Assert.Contains("docs/x.md", add.Task.OwnedPaths);
        Assert.Contains("src/api/**", add.Task.OwnedPaths);
        Assert.Equal(2, decisions.Count);
    }

    [Fact]
    public void An_approving_review_is_success_and_blockers_left_in_the_last_allowed_round_fail_the_run_naming_the_limit()
    {
        var approved = Verified(Task("api").Merged()) with { Review = new ReviewProgress(Rounds: 1, Attempts: 1, Last: Review(1, new Finding("a", null, "minor", "m"))) };
        Assert.Equal([new FinishRun(RunStatus.Succeeded, null)], Decide(approved, ReviewOn));

        var exhausted = Verified(Task("api").Merged()) with
        {
            Review = new ReviewProgress(Rounds: 2, Attempts: 2, Last: Review(2, new Finding("src/api/a.cs", 1, "major", "still wrong")), FixedRound: 1),
        };

        var finish = Assert.IsType<FinishRun>(Assert.Single(Decide(exhausted, ReviewOn)));

        Assert.Equal(RunStatus.Failed, finish.Status);
        Assert.Equal(FailureKind.Review, finish.Cause!.Kind);
        Assert.Equal(new LimitHit("max_review_rounds", "2"), finish.Cause.Limit);
        Assert.Contains("- [major] src/api/a.cs:1: still wrong", finish.Cause.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pr_feedback_not_yet_fixed_comes_before_the_review_and_a_reviewer_that_failed_twice_ends_the_run()
    {
        var feedback = new PrFeedback(1, 7, "h1", [new Finding("src/web/w.cs", 2, "major", "rename", Id: "comment:1")]);
        var state = Verified(Task("web").Merged()) with { Pr = new PrProgress(1, feedback) };

        var reopen = Assert.IsType<ReopenTask>(Assert.Single(Decide(state, ReviewOn)));
        Assert.Equal(("web", FixSource.Pr), (reopen.TaskId, reopen.Reopen.Round.Source));

        var crashed = new FailureInfo(FailureKind.Contract, "the review was rejected", "sig");
        var failing = Verified(Task("web").Merged()) with { LastStageFailure = crashed, Review = new ReviewProgress(Attempts: 2, Tries: 2) };
        Assert.Equal([new FinishRun(RunStatus.Failed, crashed)], Decide(failing, ReviewOn));
    }
}
