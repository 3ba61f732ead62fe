using Otto.Planning;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

/// <summary>How replan rounds, later plan versions and pilot decisions fold into the state.</summary>
public sealed class RecoveryFoldTests
{
    private static PlanAccepted Version2(params string[] ids) => PlanEventData.For(EventStream.RunId,
        new PlanDocument("v2", [.. ids.Select(id => new PlanTask(id, "new " + id, "", TaskRole.Feature, [], [$"src/{id}/**"], []))], [], []), 2, "{}");

    private static EventStream CoreMergedApiFailed() => new EventStream().Started().Plan("core", "api:core", "docs:api")
        .Succeeds("core").FailsWith("api", 1, "FAIL api").Add(new TaskFailed(null), "api").Add(new TaskBlocked("api"), "docs");

    [Fact]
    public void A_later_plan_keeps_merged_tasks_and_replaces_the_rest()
    {
        var before = CoreMergedApiFailed().Fold();
        var stream = CoreMergedApiFailed().Add(new ReplanStarted(1, 1, ["api"], DecidedBy.Rules)).Add(new StageStarted(Stage.Replan, 1))
            .Add(Version2("core", "api-a", "api-b"));

        var state = stream.Fold();

        Assert.Equal(2, state.PlanVersion);
        Assert.Equal(["core", "api-a", "api-b"], state.Tasks.Select(t => t.Id));
        var (was, kept) = (before.Task("core")!, state.Task("core")!);
        Assert.Equal((was.Phase, was.Attempts, was.MergedCommit, was.IntegrationCommit, was.Title), (kept.Phase, kept.Attempts, kept.MergedCommit, kept.IntegrationCommit, kept.Title));
        Assert.All(state.Tasks.Skip(1), t => Assert.Equal(TaskPhase.Pending, t.Phase));
        Assert.Equal(["api", "docs"], state.Recovery.Retired.Select(t => t.Id));
        Assert.Equal(TaskPhase.Failed, state.Recovery.Retired[0].Phase);
        Assert.Null(state.Recovery.OpenReplan);
        Assert.Equal(1, state.Recovery.Replans);
        Assert.Equal(Stage.Execute, state.Stage);
    }

    [Fact]
    public void A_failed_task_named_again_keeps_its_attempt_numbers_but_counts_afresh()
    {
        var state = CoreMergedApiFailed().Add(Version2("core", "api")).Fold();

        var api = state.Task("api")!;
        Assert.Equal(TaskPhase.Pending, api.Phase);
        Assert.Equal(1, api.Attempts);
        Assert.Equal(1, api.UncountedAttempts);
        Assert.Empty(api.SignatureCounts);
        Assert.Equal("new api", api.Title);
    }

    [Fact]
    public void A_round_remembers_the_failure_it_started_from()
    {
        var state = CoreMergedApiFailed().Add(new ReplanStarted(1, 1, ["api"], DecidedBy.Rules)).Add(new StageStarted(Stage.Replan, 1)).Fold();

        Assert.Equal("FAIL api", state.Recovery.OpenReplan!.Cause.Reason);
        Assert.Equal(1, state.Recovery.OpenReplan.FirstAttempt);
        Assert.Equal(Stage.Replan, state.Stage);
    }

    [Fact]
    public void A_retry_reopens_a_failed_task_and_a_question_makes_it_wait()
    {
        var asked = CoreMergedApiFailed().Add(new PilotAsked(1, PilotBoundary.TaskFailed, "task_failed:v1", "api"), "api");

        var retried = asked.Add(new PilotDecided(1, PilotAction.RetryWithGuidance, DecidedBy.Pilot, "again", "api", "check the port"), "api").Fold();
        Assert.Equal(TaskPhase.Pending, retried.Task("api")!.Phase);
        Assert.Null(retried.Recovery.OpenConsultation);

        var question = CoreMergedApiFailed().Add(new PilotAsked(1, PilotBoundary.TaskFailed, "task_failed:v1", "api"), "api")
            .Add(new PilotDecided(1, PilotAction.AskHuman, DecidedBy.Pilot, "waits", "api", "Which port?"), "api").Fold();
        Assert.Equal(TaskPhase.WaitingForHuman, question.Task("api")!.Phase);
        Assert.Equal("Which port?", question.Task("api")!.Question);
    }

    [Fact]
    public void A_split_of_a_task_still_retrying_fails_it_and_requests_the_replan()
    {
        var state = new EventStream().Started().Plan("api").FailsWith("api", 1, "FAIL")
            .Add(new PilotAsked(1, PilotBoundary.SameSignature, "k", "api"), "api")
            .Add(new PilotDecided(1, PilotAction.Split, DecidedBy.Pilot, "replan", "api"), "api").Fold();

        Assert.Equal(TaskPhase.Failed, state.Task("api")!.Phase);
        Assert.Equal(new ReplanRequest(DecidedBy.Pilot, "api"), state.Recovery.RequestedReplan);
    }
}
