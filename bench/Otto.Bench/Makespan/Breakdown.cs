using Otto.Bench.Support;

namespace Otto.Bench.Makespan;

/// <summary>Per-task orchestration time, step by step (mean, median, max over tasks, in ms).</summary>
public static class Breakdown
{
    public static readonly (string Name, Func<TaskTimes, WorkGraph, double> Ms)[] Steps =
    [
        ("trigger -> task_claimed (scheduler reaction)", (t, _) => (t.Claimed - t.Trigger).TotalMilliseconds),
        ("task_claimed -> attempt_started (worktree, prompt, launch)", (t, _) => (t.Started - t.Claimed).TotalMilliseconds),
        ("  of which: claimed -> worktree ready (base_commit)", (t, _) => Ms(t.Claimed, t.Marks.WorktreeReady)),
        ("  of which: worktree ready -> prompt.md written", (t, _) => Ms(t.Marks.WorktreeReady, t.Marks.PromptWritten)),
        ("  of which: prompt.md -> wrapper running (pid file)", (t, _) => Ms(t.Marks.PromptWritten, t.Marks.WrapperRunning)),
        ("  of which: pid file -> attempt_started recorded", (t, _) => Ms(t.Marks.WrapperRunning, t.Started)),
        ("attempt_started -> agent exit, beyond its sleep", (t, g) => (t.AgentDurationS - g[t.Id].SleepS) * 1000),
        ("agent exit -> attempt_finished (redact, read, result.json)", (t, _) => (t.Finished - t.Started).TotalMilliseconds - t.AgentDurationS * 1000),
        ("attempt_finished -> changes_committed (status, git commit)", (t, _) => (t.Committed - t.Finished).TotalMilliseconds),
        ("changes_committed -> verify_finished (verify `true`)", (t, _) => (t.Verified - t.Committed).TotalMilliseconds),
        ("verify_finished -> task_merged (integrate)", (t, _) => (t.Merged - t.Verified).TotalMilliseconds),
    ];

    /// <summary>claimed -> worktree ready: what a task waits for its checkout (NaN when not marked).</summary>
    public static double WorktreeWaitMs(TaskTimes t) => Ms(t.Claimed, t.Marks.WorktreeReady);

    private static double Ms(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } a && to is { } b ? (b - a).TotalMilliseconds : double.NaN;

    /// <summary>(task_claimed -> task_merged) minus the agent's sleep: the orchestration overhead of one task.</summary>
    public static double OverheadMs(TaskTimes t, WorkGraph graph) => (t.Merged - t.Claimed).TotalMilliseconds - graph[t.Id].SleepS * 1000;

    /// <summary>(task_claimed -> attempt_finished) minus the agent's sleep: what a task keeps an agent slot for beyond its work.</summary>
    public static double SlotMs(TaskTimes t, WorkGraph graph) => (t.Finished - t.Claimed).TotalMilliseconds - graph[t.Id].SleepS * 1000;

    public static void Print(RunTimeline timeline, WorkGraph graph, TextWriter log)
    {
        log.WriteLine($"    {"step",-62} {"mean",8} {"median",8} {"max",8}");
        foreach (var (name, ms) in Steps) Row(log, name, timeline.Tasks.Select(t => ms(t, graph)).ToList());
        Row(log, "= overhead per task (claimed -> merged, minus sleep)", timeline.Tasks.Select(t => OverheadMs(t, graph)).ToList());
        // Since `concurrency` counts agents, a task holds its slot only until its agent is done.
        Row(log, "  of which in an agent slot (claimed -> attempt_finished)", timeline.Tasks.Select(t => SlotMs(t, graph)).ToList());
        log.WriteLine($"    run_started -> plan accepted (classify + plan stages): {(timeline.PlanDone - timeline.RunStarted).TotalMilliseconds:0} ms; "
            + $"last merge -> run_finished (integration verify, final.json): {(timeline.RunFinished - timeline.LastMerge).TotalMilliseconds:0} ms");
    }

    private static void Row(TextWriter log, string name, IReadOnlyCollection<double> values) =>
        log.WriteLine($"    {name,-62} {Stats.Mean(values),8:0.0} {Stats.Median(values),8:0.0} {values.Max(),8:0.0}");
}
