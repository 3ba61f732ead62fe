using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

/// <summary>
/// The fold is total: every task state (phase × step × claimed or not) meets every event that can arrive
/// for a task, and the result keeps the fold's promises.
/// </summary>
public sealed class StateFoldExhaustiveTests
{
    private static readonly Owner Claimer = EventStream.Owner("a1");
    private static readonly FailureInfo Broke = new(FailureKind.Verification, "broke", "sig-b");

    private static readonly EventBody[] TaskEvents =
    [
        new TaskClaimed(Claimer, AttemptKind.Fix, false),
        new AttemptStarted(11, 22, "s"),
        new AttemptRetried(1, "429", 1),
        new AttemptFinished(0, null, 1, "s", 0.5m, new TokenCounts(1, 1, 0), null, null),
        new StatusIngested(".ai/status.json", "success", "did it", null),
        new ChangesCommitted("c2", "c1", true),
        new VerifyFinished(true),
        new VerifyFinished(false, "make", 1),
        AttemptFailed.Of(Broke),
        new MergeConflict(["a.txt"], "i2", [], Reason: "conflict", Signature: "sig-c"),
        new TaskMerged("c2", "i2", false),
        new BreakerTripped("sig-b", 3),
        new TaskFailed(Broke),
        new TaskBlocked("core"),
        new TaskSkipped("another task failed"),
        new TaskWaiting("which?"),
        new HumanAnswered("that"),
    ];

    public static IEnumerable<object[]> States() =>
        from phase in Enum.GetValues<TaskPhase>()
        from step in Enum.GetValues<AttemptStep>()
        from claimed in new[] { false, true }
        select new object[] { phase, step, claimed };

    [Theory]
    [MemberData(nameof(States))]
    public void Every_event_meets_every_task_state(TaskPhase phase, AttemptStep step, bool claimed)
    {
        var before = new EventStream().Started().Plan("api").Fold();
        var task = before.Task("api")! with
        {
            Phase = phase, Step = step, Attempts = 2, LastFailure = phase == TaskPhase.Failed ? Broke : null,
            Claim = claimed ? new Claim(2, Claimer, AttemptKind.Fix, EventStream.Start) : null,
        };
        before = before.WithTask(task);

        foreach (var body in TaskEvents)
        {
            var after = StateFold.Apply(before, new RunEvent(before.Seq + 1, EventStream.Start, "api", 2, body)).Task("api")!;

            Assert.True(after.Attempts >= task.Attempts, $"{body.GetType().Name} lowered the attempt count");
            if (task.IsTerminal)
            {
                Assert.Equal(task, after);
                continue;
            }
            switch (body)
            {
                case TaskMerged:
                    Assert.Equal((TaskPhase.Merged, null), (after.Phase, after.Claim));
                    break;
                case TaskFailed or TaskBlocked or TaskSkipped:
                    Assert.True(after.IsTerminal && after.Claim is null, $"{body.GetType().Name} left {after.Phase}");
                    break;
                case AttemptFailed or MergeConflict:
                    Assert.Equal((TaskPhase.Pending, null, AttemptStep.None), (after.Phase, after.Claim, after.Step));
                    Assert.NotNull(after.LastFailure);
                    break;
                case TaskClaimed:
                    Assert.Equal(Claimer, after.Claim!.Owner);
                    break;
                case TaskWaiting:
                    Assert.Equal((TaskPhase.WaitingForHuman, null), (after.Phase, after.Claim));
                    break;
            }
        }
    }

    [Fact]
    public void Run_level_events_leave_an_unknown_task_alone()
    {
        var state = new EventStream().Started().Plan("api").Fold();

        var after = StateFold.Apply(state, new RunEvent(3, EventStream.Start, "ghost", 1, new TaskMerged("c", "i", false)));

        Assert.Equal(StateJsonWriter.Write(state with { Seq = 3 }), StateJsonWriter.Write(after));
    }
}
