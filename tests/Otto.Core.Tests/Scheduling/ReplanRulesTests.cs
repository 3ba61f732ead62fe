using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>The built-in rules once a plan version failed: replan while limits.max_replans allows, else end.</summary>
public sealed class ReplanRulesTests
{
    private static SchedulerPolicy Replans(int max, bool pilot = false) => Policy() with { MaxReplans = max, HasPilot = pilot };

    private static RunState Failed() => Run(Task("core").Merged(), Task("api", "core").FailedTask("FAIL: api too big"), Task("docs", "api") with { Phase = TaskPhase.Blocked });

    [Fact]
    public void A_failed_plan_with_replans_left_starts_a_replan_round()
    {
        var decisions = Decide(Failed(), Replans(2));

        Assert.Equal(2, decisions.Count);
        var begin = Assert.IsType<BeginReplan>(decisions[0]);
        Assert.Equal(1, begin.Replan);
        Assert.Equal(["api"], begin.Failed);
        Assert.Equal(DecidedBy.Rules, begin.By);
        Assert.Equal(new RunStage(Stage.Replan, 1, Continue: false), decisions[1]);
    }

    [Fact]
    public void With_no_replans_left_the_run_fails_with_the_tasks_failure_naming_max_replans()
    {
        var state = Failed() with { Recovery = new RecoveryState { Replans = 2 } };

        var finish = Assert.IsType<FinishRun>(Assert.Single(Decide(state, Replans(2))));

        Assert.Equal(RunStatus.Failed, finish.Status);
        Assert.Equal("FAIL: api too big", finish.Cause!.Reason);
        Assert.Equal("api", finish.Cause.Task);
        Assert.Equal(new LimitHit("max_replans", "2"), finish.Cause.Limit);
    }

    [Theory]
    [InlineData(FailureKind.User)]
    [InlineData(FailureKind.Environment)]
    [InlineData(FailureKind.Internal)]
    [InlineData(FailureKind.Integrity)]
    public void A_failure_no_plan_can_fix_ends_the_run_without_a_replan(FailureKind kind)
    {
        var state = Run(Task("api") with { Phase = TaskPhase.Failed, Attempts = 1, LastFailure = new FailureInfo(kind, "stopped", Task: "api") });

        var finish = Assert.IsType<FinishRun>(Assert.Single(Decide(state, Replans(2))));

        Assert.Equal(kind, finish.Cause!.Kind);
        Assert.Null(finish.Cause.Limit);
    }

    [Fact]
    public void An_open_round_goes_on_and_a_running_replan_is_continued()
    {
        var cause = new FailureInfo(FailureKind.Verification, "FAIL: api too big", Task: "api");
        var open = Failed() with { Recovery = new RecoveryState { Replans = 1, ReplanStageAttempts = 1, OpenReplan = new ReplanRound(1, 1, DecidedBy.Rules, null, cause) } };

        Assert.Equal([new RunStage(Stage.Replan, 1, Continue: true)], Decide(open with { ActiveStage = new StageProgress(Stage.Replan, 1) }, Replans(2)));
        var rejectedOnce = open with { LastStageFailure = new FailureInfo(FailureKind.Contract, "the plan was rejected") };
        Assert.Equal([new RunStage(Stage.Replan, 2, Continue: false)], Decide(rejectedOnce, Replans(2)));
    }

    [Fact]
    public void A_round_rejected_twice_ends_the_run_with_the_original_failure()
    {
        var cause = new FailureInfo(FailureKind.Verification, "FAIL: api too big", Task: "api");
        var state = Failed() with
        {
            LastStageFailure = new FailureInfo(FailureKind.Contract, "the plan was rejected"),
            Recovery = new RecoveryState { Replans = 1, ReplanStageAttempts = 2, OpenReplan = new ReplanRound(1, 1, DecidedBy.Rules, null, cause) },
        };

        Assert.Equal([new FinishRun(RunStatus.Failed, cause)], Decide(state, Replans(2)));
    }

    [Fact]
    public void A_second_round_numbers_its_stage_attempts_on()
    {
        var state = Failed() with { Recovery = new RecoveryState { Replans = 1, ReplanStageAttempts = 2 } };

        var decisions = Decide(state, Replans(2));

        Assert.Equal(2, Assert.IsType<BeginReplan>(decisions[0]).Replan);
        Assert.Equal(new RunStage(Stage.Replan, 3, Continue: false), decisions[1]);
    }

    [Fact]
    public void A_replan_waits_until_nothing_runs()
    {
        var state = Run(Task("core").FailedTask(), Task("api").ClaimedBy("other"));

        Assert.DoesNotContain(Decide(state, Replans(2)), d => d is BeginReplan or RunStage);
    }

    [Fact]
    public void With_a_pilot_the_pilot_is_asked_first_once_per_plan_version()
    {
        var decisions = Decide(Failed(), Replans(2, pilot: true));

        Assert.Equal([new AskPilot(1, PilotBoundary.TaskFailed, "task_failed:v1", "api"), new RunStage(Stage.Pilot, 1, Continue: false)], decisions);
    }
}
