using Otto.Runs;
using Otto.Scheduling;
using Otto.Tests.Support;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>Each decision is recorded by events that make it true when folded.</summary>
public sealed class DecisionEventsTests
{
    private static readonly Owner Me = EventStream.Owner("mine");

    private static (RunState After, IReadOnlyList<NewEvent> Events, IReadOnlyList<(StartAttempt, Owner)> Claims) Record(RunState state, params Decision[] decisions)
    {
        var (events, claims) = DecisionEvents.For(state, decisions, () => Me);
        var seq = state.Seq;
        var after = StateFold.Fold(state, events.Select(e => new RunEvent(++seq, T0, e.Task, e.Attempt, e.Body)));
        return (after, events, claims);
    }

    [Fact]
    public void A_start_claims_the_task_for_this_process()
    {
        var (after, _, claims) = Record(Run(Task("api")), new StartAttempt("api", 1, AttemptKind.Execute, Takeover: false));

        Assert.Equal(Me, after.Task("api")!.Claim!.Owner);
        Assert.Equal(TaskPhase.Running, after.Task("api")!.Phase);
        Assert.Equal(("api", Me), (Assert.Single(claims).Item1.TaskId, claims[0].Item2));
    }

    [Fact]
    public void A_breaker_failure_is_recorded_with_its_count_then_the_failure()
    {
        var failure = new FailureInfo(FailureKind.Verification, "same", "sig-s");
        var state = Run(Task("api").FailedAttempt(3, failure) with { SignatureCounts = System.Collections.Immutable.ImmutableDictionary<string, int>.Empty.Add("sig-s", 3) });

        var (after, events, _) = Record(state, new FailTask("api", failure with { Kind = FailureKind.Breaker }, Breaker: true));

        Assert.Equal(new BreakerTripped("sig-s", 3), events[0].Body);
        Assert.IsType<TaskFailed>(events[1].Body);
        Assert.Equal(TaskPhase.Failed, after.Task("api")!.Phase);
        Assert.Equal(FailureKind.Breaker, after.Task("api")!.LastFailure!.Kind);
    }

    [Fact]
    public void Blocks_skips_and_stage_starts_fold_into_what_was_decided()
    {
        var (after, _, _) = Record(Run(Task("a"), Task("b")),
            new BlockTask("a", "core"), new SkipTask("b", "another task failed"), new RunStage(Stage.Integrate, 1, Continue: false));

        Assert.Equal(TaskPhase.Blocked, after.Task("a")!.Phase);
        Assert.Equal(TaskPhase.Skipped, after.Task("b")!.Phase);
        Assert.Equal(new StageProgress(Stage.Integrate, 1), after.ActiveStage);
    }

    [Fact]
    public void Decisions_that_are_acted_on_without_a_record_write_nothing()
    {
        var (_, events, claims) = Record(Run(Task("a")),
            new RunStage(Stage.Plan, 2, Continue: true), new FinishRun(RunStatus.Succeeded, null), new WaitForHuman(["a"]), new PlanReady());

        Assert.Empty(events);
        Assert.Empty(claims);
    }
}
