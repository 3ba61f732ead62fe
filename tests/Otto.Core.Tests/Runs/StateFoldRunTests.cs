using System.Text.Json.Nodes;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

public sealed class StateFoldRunTests
{
    [Fact]
    public void Run_started_records_the_run_and_its_branches()
    {
        var state = new EventStream().Started().Fold();

        Assert.Equal(EventStream.RunId, state.RunId);
        Assert.Equal("add a feature", state.Intent);
        Assert.Equal("main", state.BaseBranch);
        Assert.Equal("base000", state.BaseSha);
        Assert.Equal("base000", state.IntegrationHead);
        Assert.Equal($"otto/{EventStream.RunId}", state.IntegrationBranch);
        Assert.Equal(EventStream.Start, state.CreatedAt);
        Assert.Equal(RunStatus.Running, state.Status);
        Assert.Equal(Stage.Classify, state.Stage);
        Assert.Equal(1, state.Seq);
    }

    [Fact]
    public void Plan_accepted_lists_the_tasks_in_plan_order()
    {
        var state = new EventStream().Started().Plan("core", "api:core", "ui:core,api").Fold();

        Assert.Equal(["core", "api", "ui"], state.Tasks.Select(t => t.Id));
        Assert.Equal([0, 1, 2], state.Tasks.Select(t => t.Order));
        var ui = state.Task("ui")!;
        Assert.Equal(["core", "api"], ui.DependsOn);
        Assert.Equal(["src/ui/**"], ui.OwnedPaths);
        Assert.Equal(TaskRole.Feature, ui.Role);
        Assert.Equal(TaskRole.Foundation, state.Task("core")!.Role);
        Assert.Equal(1, state.PlanVersion);
        Assert.Equal(Stage.Execute, state.Stage);
        Assert.All(state.Tasks, t => Assert.Equal(TaskPhase.Pending, t.Phase));
        Assert.All(state.Tasks, t => Assert.NotEqual("", t.Branch));
    }

    [Fact]
    public void Stages_count_their_attempts_and_remember_the_last_failure()
    {
        var failure = new FailureInfo(FailureKind.Contract, "plan.json: `tasks` is required");
        var stream = new EventStream().Started().Add(new StageStarted(Stage.Classify, 1));
        var classifying = stream.Fold();
        stream.Add(new StageFinished(Stage.Classify, 1, Ok: true))
            .Add(new StageStarted(Stage.Plan, 1))
            .Add(new StageFinished(Stage.Plan, 1, Ok: false, failure))
            .Add(new StageStarted(Stage.Plan, 2));
        var replanning = stream.Fold();

        Assert.Equal(new StageProgress(Stage.Classify, 1), classifying.ActiveStage);
        Assert.Equal(1, replanning.ClassifyAttempts);
        Assert.Equal(2, replanning.PlanAttempts);
        Assert.Equal(new StageProgress(Stage.Plan, 2), replanning.ActiveStage);
        Assert.Equal("plan.json: `tasks` is required", replanning.LastStageFailure!.Reason);
    }

    [Fact]
    public void A_successful_stage_clears_the_previous_failure()
    {
        var failure = new FailureInfo(FailureKind.Agent, "exit 1");
        var state = new EventStream().Started()
            .Add(new StageFinished(Stage.Classify, 1, Ok: false, failure))
            .Add(new StageFinished(Stage.Classify, 2, Ok: true))
            .Fold();

        Assert.Null(state.LastStageFailure);
        Assert.Null(state.ActiveStage);
    }

    [Fact]
    public void Run_finished_ends_the_run_with_its_cause_and_drops_every_claim()
    {
        var cause = new FailureInfo(FailureKind.Limit, "budget", null, new LimitHit("run_budget", "2h"));
        var stream = new EventStream().Started().Plan("a", "b").Claim("a", 1, "t1").Claim("b", 1, "t2");
        stream.Now = EventStream.Start.AddHours(2);
        var state = stream.Add(new RunFinished(RunStatus.Failed, cause, cause.Reason)).Fold();

        Assert.True(state.IsFinished);
        Assert.Equal(RunStatus.Failed, state.Status);
        Assert.Equal(new LimitHit("run_budget", "2h"), state.Outcome!.Cause!.Limit);
        Assert.Equal(EventStream.Start.AddHours(2), state.FinishedAt);
        Assert.All(state.Tasks, t => Assert.Null(t.Claim));
    }

    [Fact]
    public void Run_resumed_reopens_a_finished_run()
    {
        var state = new EventStream().Started()
            .Add(new RunFinished(RunStatus.Canceled, null, null))
            .Add(new RunResumed("resume"))
            .Fold();

        Assert.False(state.IsFinished);
        Assert.Equal(RunStatus.Running, state.Status);
        Assert.Null(state.FinishedAt);
    }

    [Fact]
    public void Integration_verification_records_pass_or_the_failure_verbatim()
    {
        var failed = new IntegrationVerified(false, "sha", [], FailureKind.Verification, "FAILED test_total: 3 != 4", "sig-t");
        var no = new EventStream().Started().Add(failed).Fold();
        var yes = new EventStream().Started().Add(new IntegrationVerified(true, "sha", [])).Fold();

        Assert.False(no.IntegrationVerified);
        Assert.Equal("FAILED test_total: 3 != 4", no.IntegrationFailure!.Reason);
        Assert.True(yes.IntegrationVerified);
        Assert.Null(yes.IntegrationFailure);
    }

    [Fact]
    public void Events_for_unknown_tasks_and_unknown_types_change_nothing_but_the_seq()
    {
        var stream = new EventStream().Started().Plan("api");
        var before = stream.Fold();
        var after = stream
            .Claim("ghost", 1, "t")
            .Add(new UnknownEvent("some_future_event", "{\"x\":1}"), "api", 1)
            .Fold();

        Assert.Equal(4, after.Seq);
        Assert.Equal(StateJsonWriter.Write(before with { Seq = 4 }), StateJsonWriter.Write(after));
    }

    [Fact]
    public void Folding_in_pieces_gives_the_same_state_as_folding_at_once()
    {
        var events = new EventStream().Started().Plan("core", "api:core")
            .Succeeds("core", cost: 0.1m).FailsWith("api", 1, "boom at 12:00:01", cost: 0.2m).Succeeds("api", 2, cost: 0.3m)
            .Events;
        var empty = new RunState { RunId = EventStream.RunId };

        var atOnce = StateFold.Fold(empty, events);
        for (var cut = 0; cut <= events.Count; cut++)
        {
            var inPieces = StateFold.Fold(StateFold.Fold(empty, events.Take(cut)), events.Skip(cut));
            Assert.Equal(StateJsonWriter.Write(atOnce), StateJsonWriter.Write(inPieces));
        }
        Assert.Equal(0.6m, atOnce.CostUsd);
        Assert.Equal(2, atOnce.Task("api")!.Attempts);
    }
}
