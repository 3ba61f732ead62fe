using Otto.Runs;

namespace Otto.Bench.Makespan;

/// <summary>When each step of one task happened, from events.ndjson (millisecond timestamps).</summary>
public sealed record TaskTimes(
    string Id,
    DateTimeOffset Trigger,
    DateTimeOffset Claimed,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    DateTimeOffset Committed,
    DateTimeOffset Verified,
    DateTimeOffset Merged,
    double AgentDurationS,
    int Attempts,
    AttemptMarks Marks);

/// <summary>
/// Moments inside task_claimed -> attempt_started, from the attempt folder's file times: base_commit is
/// written once the worktree exists, prompt.md when the launch begins, pid by the wrapper once it runs.
/// </summary>
public sealed record AttemptMarks(DateTimeOffset? WorktreeReady, DateTimeOffset? PromptWritten, DateTimeOffset? WrapperRunning)
{
    public static AttemptMarks Read(string attemptDir)
    {
        DateTimeOffset? Written(string name)
        {
            var file = new FileInfo(Path.Combine(attemptDir, name));
            return file.Exists ? new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) : null;
        }
        return new AttemptMarks(Written("base_commit"), Written("prompt.md"), Written("pid"));
    }
}

/// <summary>
/// A finished run's timeline. A task's trigger is the last event that let it be claimed: the plan's
/// acceptance, the latest merge before its claim (a merge may make dependents ready) or the latest agent
/// done before it (its slot is free: Scheduling/SlotRules), so trigger → claim is the scheduler's reaction
/// time, whatever the concurrency.
/// </summary>
public sealed record RunTimeline(
    DateTimeOffset RunStarted,
    DateTimeOffset PlanDone,
    DateTimeOffset FirstClaim,
    DateTimeOffset LastMerge,
    DateTimeOffset RunFinished,
    string Status,
    IReadOnlyList<TaskTimes> Tasks)
{
    public double MakespanS => (RunFinished - RunStarted).TotalSeconds;

    public double ExecuteS => (LastMerge - FirstClaim).TotalSeconds;

    public static RunTimeline Read(RunPaths paths)
    {
        var events = new EventLog(paths.Events).ReadAll();
        DateTimeOffset First<T>(string? task = null) where T : EventBody =>
            events.FirstOrDefault(e => e.Body is T && (task is null || e.Task == task))?.Ts
            ?? throw new InvalidOperationException($"{paths.Events}: no {typeof(T).Name}{(task is null ? "" : " for " + task)}");
        DateTimeOffset Last<T>(string? task = null) where T : EventBody => events.Last(e => e.Body is T && (task is null || e.Task == task)).Ts;

        var planDone = events.First(e => e.Body is StageFinished { Stage: Stage.Plan }).Ts;
        var merges = events.Where(e => e.Body is TaskMerged).Select(e => e.Ts).ToList();
        var freed = events.Where(e => e.Body is TaskMerged or AttemptFinished).Select(e => e.Ts).ToList();
        var finished = events.LastOrDefault(e => e.Body is RunFinished);
        var ids = events.Where(e => e.Body is TaskClaimed).Select(e => e.Task!).Distinct(StringComparer.Ordinal).ToList();
        var tasks = new List<TaskTimes>();
        foreach (var id in ids)
        {
            var claimed = Last<TaskClaimed>(id);
            if (!events.Any(e => e.Body is TaskMerged && e.Task == id)) continue;
            var trigger = freed.Where(m => m <= claimed).Append(planDone).Max();
            var agent = events.Last(e => e.Body is AttemptFinished && e.Task == id);
            tasks.Add(new TaskTimes(id, trigger, claimed,
                Last<AttemptStarted>(id), agent.Ts, Last<ChangesCommitted>(id),
                Last<VerifyFinished>(id), Last<TaskMerged>(id),
                ((AttemptFinished)agent.Body).DurationS,
                events.Count(e => e.Body is TaskClaimed && e.Task == id),
                AttemptMarks.Read(paths.AttemptDir(id, agent.Attempt ?? 1))));
        }
        return new RunTimeline(First<RunStarted>(), planDone,
            ids.Count == 0 ? planDone : First<TaskClaimed>(), merges.DefaultIfEmpty(planDone).Max(),
            finished?.Ts ?? events[^1].Ts, finished?.Body is RunFinished f ? f.Status.Name() : "unfinished", tasks);
    }
}
