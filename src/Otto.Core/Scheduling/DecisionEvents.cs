using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// How each decision is recorded: the events that make it true in the log. Pure, like the decision
/// itself; the caller appends them under the same run lock it decided under.
/// </summary>
public static class DecisionEvents
{
    /// <param name="newOwner">The owner a claim names (this process, with a fresh token).</param>
    /// <returns>The events, and the claims they make (for the caller to start a job each).</returns>
    public static (IReadOnlyList<NewEvent> Events, IReadOnlyList<(StartAttempt Start, Owner Owner)> Claims) For(
        RunState state, IReadOnlyList<Decision> decisions, Func<Owner> newOwner)
    {
        var events = new List<NewEvent>();
        var claims = new List<(StartAttempt, Owner)>();
        foreach (var decision in decisions)
        {
            switch (decision)
            {
                case StartAttempt start:
                    var owner = newOwner();
                    claims.Add((start, owner));
                    events.Add(new NewEvent(new TaskClaimed(owner, start.Kind, start.Takeover), start.TaskId, start.Attempt));
                    break;
                case FailTask fail:
                    if (fail.Breaker)
                    {
                        var count = state.Task(fail.TaskId)?.SignatureCounts.GetValueOrDefault(fail.Cause.Signature ?? "");
                        events.Add(new NewEvent(new BreakerTripped(fail.Cause.Signature, count), fail.TaskId));
                    }
                    events.Add(new NewEvent(new TaskFailed(fail.Cause with { Task = fail.TaskId }), fail.TaskId));
                    break;
                case BlockTask block:
                    events.Add(new NewEvent(new TaskBlocked(block.BlockedBy), block.TaskId));
                    break;
                case SkipTask skip:
                    events.Add(new NewEvent(new TaskSkipped(skip.Reason), skip.TaskId));
                    break;
                case AddTask add:
                    events.Add(new NewEvent(add.Task, add.TaskId));
                    break;
                case ReopenTask reopen:
                    events.Add(new NewEvent(reopen.Reopen, reopen.TaskId));
                    break;
                case AmendmentDecision amendment:
                    events.Add(amendment.Event());
                    break;
                case RunBaseline { Continue: false } baseline:
                    events.Add(new NewEvent(new BaselineStarted(baseline.Attempt, state.BaseSha)));
                    break;
                case RunStage { Continue: false } stage:
                    events.Add(new NewEvent(new StageStarted(stage.Stage, stage.Attempt)));
                    break;
            }
        }
        return (events, claims);
    }
}
