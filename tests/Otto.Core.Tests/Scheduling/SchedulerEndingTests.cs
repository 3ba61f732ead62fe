using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>When nothing runs and nothing can start: verify the integration, finish, or wait for a human.</summary>
public sealed class SchedulerEndingTests
{
    private static TaskState Waiting(string id, params string[] dependsOn) =>
        Task(id, dependsOn) with { Phase = TaskPhase.WaitingForHuman, Attempts = 1, Question = "which database?" };

    [Fact]
    public void When_every_task_is_merged_the_integration_branch_is_verified()
    {
        var state = Run(Task("core").Merged(), Task("api", "core").Merged());

        Assert.Equal([new RunStage(Stage.Integrate, 1, Continue: false)], Decide(state));
    }

    [Fact]
    public void A_verified_integration_branch_is_success()
    {
        var state = Run(Task("api").Merged()) with { IntegrationVerified = true, IntegrationVerifyAttempts = 1 };

        Assert.Equal([new FinishRun(RunStatus.Succeeded, null)], Decide(state));
    }

    [Fact]
    public void A_failed_integration_verification_becomes_the_integration_tasks_round_with_its_own_reason()
    {
        var failure = new FailureInfo(FailureKind.Verification, "FAILED test_total: 3 != 4", "sig-t");
        var state = Run(Task("api").Merged()) with { IntegrationVerified = false, IntegrationFailure = failure, IntegrationVerifyAttempts = 1 };

        var add = Assert.IsType<AddTask>(Assert.Single(Decide(state)));

        Assert.Equal("integration", add.TaskId);
        Assert.Equal(failure, add.Task.Round.Failure);
    }

    [Fact]
    public void When_every_task_has_ended_and_one_failed_the_run_fails_with_that_tasks_failure()
    {
        var state = Run(Task("core").FailedTask("the real cause"), Task("api", "core") with { Phase = TaskPhase.Blocked },
            Task("docs") with { Phase = TaskPhase.Skipped }, Task("ok").Merged());

        var finish = Assert.IsType<FinishRun>(Assert.Single(Decide(state)));

        Assert.Equal(RunStatus.Failed, finish.Status);
        Assert.Equal("the real cause", finish.Cause!.Reason);
    }

    [Fact]
    public void A_question_with_nothing_else_to_do_waits_for_a_human()
    {
        var state = Run(Waiting("api"), Task("docs").Merged());

        var wait = Assert.IsType<WaitForHuman>(Assert.Single(Decide(state)));

        Assert.Equal(["api"], wait.TaskIds);
    }

    [Fact]
    public void A_ready_task_is_started_rather_than_waiting()
    {
        var state = Run(Waiting("api"), Task("docs"));

        Assert.Equal(["docs"], Decide(state).Started());
        Assert.Empty(Decide(state, localSlots: 0)); // no slot here now: neither start nor stop to wait
    }

    [Fact]
    public void Workers_never_end_the_run()
    {
        Assert.Empty(Decide(Run(Task("api").Merged()), isDriver: false));
        Assert.Empty(Decide(Run(Task("api").FailedTask()), isDriver: false));
        Assert.Empty(Decide(Run(Waiting("api")), isDriver: false));
    }

    [Fact]
    public void An_integration_verification_in_progress_is_continued()
    {
        var state = Run(Task("api").Merged()) with { ActiveStage = new StageProgress(Stage.Integrate, 1), IntegrationVerifyAttempts = 1 };

        Assert.Equal([new RunStage(Stage.Integrate, 1, Continue: true)], Decide(state));
    }

    [Fact]
    public void An_integration_stage_that_crashed_is_tried_once_more()
    {
        var crash = new FailureInfo(FailureKind.Internal, "otto hit an internal error: IOException: disk full");
        var state = Run(Task("api").Merged()) with { IntegrationVerifyAttempts = 1, LastStageFailure = crash };

        Assert.Equal([new RunStage(Stage.Integrate, 2, Continue: false)], Decide(state));
    }

    [Fact]
    public void Tasks_that_depend_on_a_waiting_task_wait_with_it()
    {
        var state = Run(Task("core").Merged(), Waiting("api", "core"), Task("ui", "api"), Task("e2e", "ui"));

        var wait = Assert.IsType<WaitForHuman>(Assert.Single(Decide(state)));

        Assert.Equal(["api"], wait.TaskIds);
    }

    [Fact]
    public void An_integration_stage_that_crashed_twice_ends_the_run_instead_of_retrying_forever()
    {
        var crash = new FailureInfo(FailureKind.Internal, "otto hit an internal error: IOException: disk full");
        var state = Run(Task("api").Merged()) with { IntegrationVerifyAttempts = Scheduler.MaxStageAttempts, LastStageFailure = crash };

        Assert.Equal([new FinishRun(RunStatus.Failed, crash)], Decide(state));
    }
}
