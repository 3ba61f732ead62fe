using Otto.Events;
using Otto.Runs;

namespace Otto.Report;

/// <summary>
/// The one place the report reads events.ndjson (everything else comes from the folded RunState and the
/// attempt folders): when each attempt and stage started and ended, how, and which commit it made. When
/// the event model changes, this file is what adapts.
/// </summary>
public static class EventHistory
{
    public static RunHistory Read(RunPaths paths) => From(new EventLog(paths.Events).ReadAll());

    public static RunHistory From(IReadOnlyList<RunEvent> events)
    {
        var attempts = new List<AttemptSpan>();
        var stages = new List<StageSpan>();
        DateTimeOffset? finishedAt = null;
        foreach (var e in events)
        {
            switch (e.Body)
            {
                case TaskClaimed claimed when e.Task is not null:
                    var number = e.Attempt ?? 1;
                    if (!attempts.Exists(a => a.Task == e.Task && a.Attempt == number)) // a takeover continues the same attempt
                        attempts.Add(new AttemptSpan(e.Task, number, claimed.Kind, e.Ts, null, RunHistory.Results.Running, null, null));
                    break;
                case ChangesCommitted committed:
                    Update(attempts, e, a => a with { Commit = committed.Commit });
                    break;
                case VerifyFinished { Passed: true }:
                    Update(attempts, e, a => a with { Result = RunHistory.Results.Verified });
                    break;
                case AttemptFailed failed:
                    Update(attempts, e, a => Ended(a, e, RunHistory.Results.Failed, ((IFailureFields)failed).ToFailure()));
                    break;
                case MergeConflict conflict:
                    Update(attempts, e, a => Ended(a, e, RunHistory.Results.Conflict, ((IFailureFields)conflict).ToFailure() with { Kind = FailureKind.Conflict }));
                    break;
                case TaskMerged:
                    Update(attempts, e, a => Ended(a, e, RunHistory.Results.Merged, null));
                    break;
                case TaskWaiting:
                    Update(attempts, e, a => Ended(a, e, RunHistory.Results.Waiting, null));
                    break;
                case TaskFailed taskFailed:
                    Update(attempts, e, a => Ended(a, e, RunHistory.Results.Failed, taskFailed.Cause));
                    break;
                case StageStarted started:
                    stages.Add(new StageSpan(started.Stage, started.Attempt, e.Ts, null, null, null));
                    break;
                case StageFinished finished:
                    var index = stages.FindLastIndex(s => s.Stage == finished.Stage && s.End is null);
                    if (index >= 0) stages[index] = stages[index] with { End = e.Ts, Ok = finished.Ok, Failure = finished.Failure ?? stages[index].Failure };
                    break;
                case IntegrationVerified { Passed: false } verified:
                    var open = stages.FindLastIndex(s => s.Stage == Stage.Integrate && s.End is null);
                    if (open >= 0) stages[open] = stages[open] with { Failure = ((IFailureFields)verified).ToFailure() };
                    break;
                case RunFinished:
                    finishedAt = e.Ts;
                    break;
            }
        }
        var last = events.Count > 0 ? events[^1].Ts : (DateTimeOffset?)null;
        if (finishedAt is { } end)
        {
            // What was still open when the run ended ends there.
            for (var i = 0; i < attempts.Count; i++)
                if (attempts[i].End is null) attempts[i] = attempts[i] with { End = end, Result = attempts[i].Result == RunHistory.Results.Verified ? RunHistory.Results.Verified : RunHistory.Results.Unfinished };
            for (var i = 0; i < stages.Count; i++)
                if (stages[i].End is null) stages[i] = stages[i] with { End = end };
        }
        return new RunHistory(attempts, stages, last);
    }

    private static AttemptSpan Ended(AttemptSpan a, RunEvent e, string result, FailureInfo? failure) =>
        a.End is not null ? a : a with { End = e.Ts, Result = result, Failure = failure };

    /// <summary>Applies to the event's attempt, or (for task events without one) the task's newest attempt.</summary>
    private static void Update(List<AttemptSpan> attempts, RunEvent e, Func<AttemptSpan, AttemptSpan> change)
    {
        if (e.Task is null) return;
        var index = e.Attempt is { } number
            ? attempts.FindIndex(a => a.Task == e.Task && a.Attempt == number)
            : attempts.FindLastIndex(a => a.Task == e.Task);
        if (index >= 0) attempts[index] = change(attempts[index]);
    }
}
