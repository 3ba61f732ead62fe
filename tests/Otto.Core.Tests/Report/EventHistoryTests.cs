using System.Text.Json.Nodes;
using Otto.Report;
using Otto.Runs;

namespace Otto.Tests.Report;

/// <summary>The report's one event adapter: per attempt when it ran, how it ended, which commit it made.</summary>
public sealed class EventHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private long _seq;

    private RunEvent E(double seconds, string type, string? task = null, int? attempt = null, JsonObject? data = null) =>
        new(++_seq, T0.AddSeconds(seconds), type, task, attempt, data);

    [Fact]
    public void A_failed_attempt_and_its_merged_fix_have_their_spans_results_reason_and_commits()
    {
        var history = EventHistory.From(
        [
            E(0, EventTypes.StageStarted, data: new() { ["stage"] = "classify", ["attempt"] = 1 }),
            E(1, EventTypes.StageFinished, data: new() { ["stage"] = "classify", ["attempt"] = 1, ["ok"] = true }),
            E(2, EventTypes.TaskClaimed, "api", 1, new() { ["kind"] = "execute" }),
            E(5, EventTypes.ChangesCommitted, "api", 1, new() { ["commit"] = "c1" }),
            E(6, EventTypes.AttemptFailed, "api", 1, new() { ["kind"] = "verification", ["reason"] = "expected 6, got 3", ["command"] = "make test" }),
            E(7, EventTypes.TaskClaimed, "api", 2, new() { ["kind"] = "fix" }),
            E(8, EventTypes.TaskClaimed, "api", 2, new() { ["kind"] = "fix", ["takeover"] = true }),
            E(9, EventTypes.ChangesCommitted, "api", 2, new() { ["commit"] = "c2" }),
            E(10, EventTypes.VerifyFinished, "api", 2, new() { ["passed"] = true }),
            E(11, EventTypes.TaskMerged, "api", 2, new() { ["commit"] = "c2" }),
        ]);

        var (first, second) = (history.Of("api")[0], history.Of("api")[1]);
        Assert.Equal(new AttemptSpan("api", 1, "execute", T0.AddSeconds(2), T0.AddSeconds(6), "failed", first.Failure, "c1"), first);
        Assert.Equal(("verification", "expected 6, got 3", "make test"), (first.Failure!.Kind, first.Failure.Reason, first.Failure.Command));
        Assert.Equal(new AttemptSpan("api", 2, "fix", T0.AddSeconds(7), T0.AddSeconds(11), "merged", null, "c2"), second);
        Assert.Equal(new StageSpan("classify", 1, T0, T0.AddSeconds(1), true, null), Assert.Single(history.Stages));
        Assert.Equal(T0.AddSeconds(11), history.LastEventAt);
    }

    [Fact]
    public void What_is_still_open_when_the_run_finishes_ends_there_as_unfinished()
    {
        var history = EventHistory.From(
        [
            E(0, EventTypes.TaskClaimed, "slow", 1),
            E(1, EventTypes.TaskClaimed, "done", 1),
            E(2, EventTypes.VerifyFinished, "done", 1, new() { ["passed"] = true }),
            E(3, EventTypes.StageStarted, data: new() { ["stage"] = "plan", ["attempt"] = 1 }),
            E(4, EventTypes.RunFinished, data: new() { ["status"] = "canceled" }),
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
            E(0, EventTypes.TaskClaimed, "ui", 1),
            E(1, EventTypes.MergeConflict, "ui", 1, new() { ["paths"] = new JsonArray("a.ts"), ["reason"] = "a.ts conflicts" }),
            E(2, EventTypes.TaskClaimed, "ui", 2),
            E(3, EventTypes.TaskFailed, "ui", data: new() { ["cause"] = new JsonObject { ["kind"] = "breaker", ["reason"] = "the same failure 3 times" } }),
        ]);

        Assert.Equal(("conflict", "conflict"), (history.Of("ui")[0].Result, history.Of("ui")[0].Failure!.Kind));
        Assert.Equal(("failed", "breaker"), (history.Of("ui")[1].Result, history.Of("ui")[1].Failure!.Kind));
    }
}
