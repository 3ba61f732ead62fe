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
/// acceptance or the latest merge before its claim (a merge frees a slot and may make dependents ready),
/// so trigger → claim is the scheduler's reaction time, whatever the concurrency.
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
        DateTimeOffset First(string type, string? task = null) =>
            events.FirstOrDefault(e => e.Type == type && (task is null || e.Task == task))?.Ts
            ?? throw new InvalidOperationException($"{paths.Events}: no {type}{(task is null ? "" : " for " + task)}");
        DateTimeOffset Last(string type, string? task = null) => events.Last(e => e.Type == type && (task is null || e.Task == task)).Ts;

        var planDone = events.First(e => e.Type == EventTypes.StageFinished && e.Str("stage") == Stages.Plan).Ts;
        var merges = events.Where(e => e.Type == EventTypes.TaskMerged).Select(e => e.Ts).ToList();
        var finished = events.LastOrDefault(e => e.Type == EventTypes.RunFinished);
        var ids = events.Where(e => e.Type == EventTypes.TaskClaimed).Select(e => e.Task!).Distinct(StringComparer.Ordinal).ToList();
        var tasks = new List<TaskTimes>();
        foreach (var id in ids)
        {
            var claimed = Last(EventTypes.TaskClaimed, id);
            if (!events.Any(e => e.Type == EventTypes.TaskMerged && e.Task == id)) continue;
            var trigger = merges.Where(m => m <= claimed).Append(planDone).Max();
            var agent = events.Last(e => e.Type == EventTypes.AttemptFinished && e.Task == id);
            tasks.Add(new TaskTimes(id, trigger, claimed,
                Last(EventTypes.AttemptStarted, id), agent.Ts, Last(EventTypes.ChangesCommitted, id),
                Last(EventTypes.VerifyFinished, id), Last(EventTypes.TaskMerged, id),
                (double)(agent.Decimal("duration_s") ?? 0m),
                events.Count(e => e.Type == EventTypes.TaskClaimed && e.Task == id),
                AttemptMarks.Read(paths.AttemptDir(id, agent.Attempt ?? 1))));
        }
        return new RunTimeline(First(EventTypes.RunStarted), planDone,
            ids.Count == 0 ? planDone : First(EventTypes.TaskClaimed), merges.DefaultIfEmpty(planDone).Max(),
            finished?.Ts ?? events[^1].Ts, finished?.Str("status") ?? "unfinished", tasks);
    }
}
