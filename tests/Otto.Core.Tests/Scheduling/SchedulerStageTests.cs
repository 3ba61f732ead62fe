using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>Run-level stages before there is a plan: classify, then plan, each asked at most twice.</summary>
public sealed class SchedulerStageTests
{
    private static RunState Fresh() => new() { RunId = "r", CreatedAt = T0 };

    private static readonly FailureInfo Rejected = new(FailureKind.Contract, "the plan was rejected:\n- cycle");

    [Fact]
    public void A_new_run_is_classified_first()
    {
        Assert.Equal([new RunStage(Stage.Classify, 1, Continue: false)], Decide(Fresh()));
    }

    [Fact]
    public void A_classified_run_is_planned()
    {
        var state = Fresh() with { Classification = new Classification("feature", "small", false, null), ClassifyAttempts = 1 };

        Assert.Equal([new RunStage(Stage.Plan, 1, Continue: false)], Decide(state));
    }

    [Fact]
    public void A_stage_in_progress_is_continued_not_restarted()
    {
        var state = Fresh() with { ActiveStage = new StageProgress(Stage.Classify, 1), ClassifyAttempts = 1 };

        Assert.Equal([new RunStage(Stage.Classify, 1, Continue: true)], Decide(state));
    }

    [Fact]
    public void A_rejected_plan_is_asked_for_once_more()
    {
        var state = Fresh() with { Classification = new("feature", "small", false, null), PlanAttempts = 1, LastStageFailure = Rejected };

        Assert.Equal([new RunStage(Stage.Plan, 2, Continue: false)], Decide(state));
    }

    [Fact]
    public void The_second_rejection_ends_the_run_with_the_stages_reason()
    {
        var state = Fresh() with { Classification = new("feature", "small", false, null), PlanAttempts = Scheduler.MaxStageAttempts, LastStageFailure = Rejected };

        Assert.Equal([new FinishRun(RunStatus.Failed, Rejected)], Decide(state));
    }

    [Fact]
    public void The_second_failed_classification_ends_the_run()
    {
        var failure = new FailureInfo(FailureKind.Contract, ".ai/classification.json was not written");
        var state = Fresh() with { ClassifyAttempts = 2, LastStageFailure = failure };

        Assert.Equal([new FinishRun(RunStatus.Failed, failure)], Decide(state));
    }

    [Fact]
    public void Workers_do_not_run_stages()
    {
        Assert.Empty(Decide(Fresh(), isDriver: false));
    }

    [Fact]
    public void A_plan_only_run_stops_when_its_plan_is_ready()
    {
        var state = Run(Task("api")) with { PlanOnly = true };

        Assert.Equal([new PlanReady()], Decide(state));
        Assert.Empty(Decide(state, isDriver: false));
    }
}
