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
        Assert.Equal(RunStatuses.Running, state.Status);
        Assert.Equal(Stages.Classify, state.Stage);
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
        Assert.Equal(TaskRoles.Feature, ui.Role);
        Assert.Equal(TaskRoles.Foundation, state.Task("core")!.Role);
        Assert.Equal(1, state.PlanVersion);
        Assert.Equal(Stages.Execute, state.Stage);
        Assert.All(state.Tasks, t => Assert.Equal(TaskPhase.Pending, t.Phase));
        Assert.All(state.Tasks, t => Assert.NotEqual("", t.Branch));
    }

    [Fact]
    public void Stages_count_their_attempts_and_remember_the_last_failure()
    {
        var failure = EventData.Failure(new FailureInfo(FailureKinds.Contract, "plan.json: `tasks` is required"));
        var stream = new EventStream().Started()
            .Add(EventTypes.StageStarted, data: new JsonObject { ["stage"] = Stages.Classify, ["attempt"] = 1 });
        var classifying = stream.Fold();
        stream.Add(EventTypes.StageFinished, data: new JsonObject { ["stage"] = Stages.Classify, ["attempt"] = 1, ["ok"] = true })
            .Add(EventTypes.StageStarted, data: new JsonObject { ["stage"] = Stages.Plan, ["attempt"] = 1 })
            .Add(EventTypes.StageFinished, data: new JsonObject { ["stage"] = Stages.Plan, ["attempt"] = 1, ["ok"] = false, ["failure"] = failure })
            .Add(EventTypes.StageStarted, data: new JsonObject { ["stage"] = Stages.Plan, ["attempt"] = 2 });
        var replanning = stream.Fold();

        Assert.Equal(new StageProgress(Stages.Classify, 1), classifying.ActiveStage);
        Assert.Equal(1, replanning.ClassifyAttempts);
        Assert.Equal(2, replanning.PlanAttempts);
        Assert.Equal(new StageProgress(Stages.Plan, 2), replanning.ActiveStage);
        Assert.Equal("plan.json: `tasks` is required", replanning.LastStageFailure!.Reason);
    }

    [Fact]
    public void A_successful_stage_clears_the_previous_failure()
    {
        var failure = EventData.Failure(new FailureInfo(FailureKinds.Agent, "exit 1"));
        var state = new EventStream().Started()
            .Add(EventTypes.StageFinished, data: new JsonObject { ["stage"] = Stages.Classify, ["ok"] = false, ["failure"] = failure })
            .Add(EventTypes.StageFinished, data: new JsonObject { ["stage"] = Stages.Classify, ["ok"] = true })
            .Fold();

        Assert.Null(state.LastStageFailure);
        Assert.Null(state.ActiveStage);
    }

    [Fact]
    public void Run_finished_ends_the_run_with_its_cause_and_drops_every_claim()
    {
        var cause = EventData.Failure(new FailureInfo(FailureKinds.Limit, "budget", null, new LimitHit("run_budget", "2h")));
        var stream = new EventStream().Started().Plan("a", "b").Claim("a", 1, "t1").Claim("b", 1, "t2");
        stream.Now = EventStream.Start.AddHours(2);
        var state = stream.Add(EventTypes.RunFinished, data: new JsonObject { ["status"] = RunStatuses.Failed, ["cause"] = cause }).Fold();

        Assert.True(state.IsFinished);
        Assert.Equal(RunStatuses.Failed, state.Status);
        Assert.Equal(new LimitHit("run_budget", "2h"), state.Outcome!.Cause!.Limit);
        Assert.Equal(EventStream.Start.AddHours(2), state.FinishedAt);
        Assert.All(state.Tasks, t => Assert.Null(t.Claim));
    }

    [Fact]
    public void Run_resumed_reopens_a_finished_run()
    {
        var state = new EventStream().Started()
            .Add(EventTypes.RunFinished, data: new JsonObject { ["status"] = RunStatuses.Canceled, ["cause"] = null })
            .Add(EventTypes.RunResumed, data: new JsonObject { ["reason"] = "resume" })
            .Fold();

        Assert.False(state.IsFinished);
        Assert.Equal(RunStatuses.Running, state.Status);
        Assert.Null(state.FinishedAt);
    }

    [Fact]
    public void Integration_verification_records_pass_or_the_failure_verbatim()
    {
        var failed = EventData.Failure(new FailureInfo(FailureKinds.Verification, "FAILED test_total: 3 != 4", "sig-t"));
        failed["passed"] = false;
        var no = new EventStream().Started().Add(EventTypes.IntegrationVerified, data: failed).Fold();
        var yes = new EventStream().Started().Add(EventTypes.IntegrationVerified, data: new JsonObject { ["passed"] = true }).Fold();

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
            .Add("some_future_event", "api", 1, new JsonObject { ["x"] = 1 })
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
