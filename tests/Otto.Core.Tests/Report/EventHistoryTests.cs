using Otto.Events;
using Otto.Report;

namespace Otto.Tests.Report;

/// <summary>The report's one event adapter: per attempt when it ran, how it ended, which commit it made.</summary>
public sealed class EventHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly Owner Me = new("host", 1, 1, "token");
    private long _seq;

    private RunEvent E(double seconds, EventBody body, string? task = null, int? attempt = null) => new(++_seq, T0.AddSeconds(seconds), task, attempt, body);

    [Fact]
    public void A_failed_attempt_and_its_merged_fix_have_their_spans_results_reason_and_commits()
    {
        var history = EventHistory.From(
        [
            E(0, new StageStarted(Stage.Classify, 1)),
            E(1, new StageFinished(Stage.Classify, 1, Ok: true)),
            E(2, new TaskClaimed(Me, AttemptKind.Execute, false), "api", 1),
            E(5, new ChangesCommitted("c1", "b0", true), "api", 1),
            E(6, new AttemptFailed(FailureKind.Verification, "expected 6, got 3", Command: "make test"), "api", 1),
            E(7, new TaskClaimed(Me, AttemptKind.Fix, false), "api", 2),
            E(8, new TaskClaimed(Me, AttemptKind.Fix, true), "api", 2),
            E(9, new ChangesCommitted("c2", "c1", true), "api", 2),
            E(10, new VerifyFinished(true), "api", 2),
            E(11, new TaskMerged("c2", "i1", false), "api", 2),
        ]);

        var (first, second) = (history.Of("api")[0], history.Of("api")[1]);
        Assert.Equal(new AttemptSpan("api", 1, AttemptKind.Execute, T0.AddSeconds(2), T0.AddSeconds(6), "failed", first.Failure, "c1"), first);
        Assert.Equal((FailureKind.Verification, "expected 6, got 3", "make test"), (first.Failure!.Kind, first.Failure.Reason, first.Failure.Command));
        Assert.Equal(new AttemptSpan("api", 2, AttemptKind.Fix, T0.AddSeconds(7), T0.AddSeconds(11), "merged", null, "c2"), second);
        Assert.Equal(new StageSpan(Stage.Classify, 1, T0, T0.AddSeconds(1), true, null), Assert.Single(history.Stages));
        Assert.Equal(T0.AddSeconds(11), history.LastEventAt);
    }

    [Fact]
    public void What_is_still_open_when_the_run_finishes_ends_there_as_unfinished()
    {
        var history = EventHistory.From(
        [
            E(0, new TaskClaimed(Me, AttemptKind.Execute, false), "slow", 1),
            E(1, new TaskClaimed(Me, AttemptKind.Execute, false), "done", 1),
            E(2, new VerifyFinished(true), "done", 1),
            E(3, new StageStarted(Stage.Plan, 1)),
            E(4, new RunFinished(RunStatus.Canceled, null, null)),
        ]);

        Assert.Equal(("unfinished", T0.AddSeconds(4)), (history.Of("slow")[0].Result, history.Of("slow")[0].End));
        Assert.Equal("verified", history.Of("done")[0].Result);
        Assert.Equal(T0.AddSeconds(4), Assert.Single(history.Stages).End);
    }

    [Fact]
    public void A_conflict_and_a_task_failure_without_an_attempt_number_end_the_newest_attempt()
    {
        var history = EventHistory.From(
        [
            E(0, new TaskClaimed(Me, AttemptKind.Execute, false), "ui", 1),
            E(1, new MergeConflict(["a.ts"], "i1", null, Reason: "a.ts conflicts"), "ui", 1),
            E(2, new TaskClaimed(Me, AttemptKind.Fix, false), "ui", 2),
            E(3, new TaskFailed(new FailureInfo(FailureKind.Breaker, "the same failure 3 times")), "ui"),
        ]);

        Assert.Equal(("conflict", FailureKind.Conflict), (history.Of("ui")[0].Result, history.Of("ui")[0].Failure!.Kind));
        Assert.Equal(("failed", FailureKind.Breaker), (history.Of("ui")[1].Result, history.Of("ui")[1].Failure!.Kind));
    }
}
