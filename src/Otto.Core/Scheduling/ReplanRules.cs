using System.Globalization;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// The built-in rules at the end of a plan version that failed: every task has ended and some failed for
/// good. A replan round is started when limits.max_replans allows it and the failure is one a new plan can
/// address; otherwise, or when the round yields no plan, the run ends with the task's own failure.
/// With a pilot configured, it is asked first (<see cref="PilotRules.AtTaskFailed"/>).
/// </summary>
public static class ReplanRules
{
    public static IReadOnlyList<Decision> AfterFailure(RunState state, SchedulerPolicy policy)
    {
        var failed = state.Tasks.Where(t => t.Phase == TaskPhase.Failed).ToList();
        var cause = failed.FirstOrDefault()?.LastFailure
            ?? new FailureInfo(FailureKind.Internal, "tasks were blocked or skipped although none failed");
        var recovery = state.Recovery;
        if (recovery.OpenReplan is { } round) return [ContinueRound(state, round)];
        if (failed.Count == 0) return [new FinishRun(RunStatus.Failed, cause)];
        if (recovery.RequestedReplan is { } requested) return Begin(state, policy, failed, requested.By, requested.Split, cause);
        if (policy.HasPilot && PilotRules.AtTaskFailed(state, failed) is { } asked) return asked;
        return Begin(state, policy, failed, DecidedBy.Rules, null, cause);
    }

    /// <summary>True when a new plan may help: not for a stop, a broken environment or baseline, tampering, an otto
    /// bug, or a task that asked a human more often than limits.max_questions allows (it waits on people, not on a plan).</summary>
    public static bool Replannable(FailureInfo cause) =>
        cause.Kind is not (FailureKind.User or FailureKind.Environment or FailureKind.Baseline or FailureKind.Integrity or FailureKind.Internal)
        && cause.Limit?.Name != "max_questions";

    public static bool ReplansLeft(RunState state, SchedulerPolicy policy) => state.Recovery.Replans < policy.MaxReplans;

    /// <summary>The cause the run ends with when limits.max_replans is what stops it: the task's failure, verbatim, naming the limit.</summary>
    public static FailureInfo LimitCause(FailureInfo cause, SchedulerPolicy policy) =>
        cause with { Limit = new LimitHit("max_replans", policy.MaxReplans.ToString(CultureInfo.InvariantCulture)) };

    private static IReadOnlyList<Decision> Begin(
        RunState state, SchedulerPolicy policy, IReadOnlyList<TaskState> failed, DecidedBy by, string? split, FailureInfo cause)
    {
        if (!Replannable(cause)) return [new FinishRun(RunStatus.Failed, cause)];
        if (!ReplansLeft(state, policy)) return [new FinishRun(RunStatus.Failed, LimitCause(cause, policy))];
        return
        [
            new BeginReplan(state.Recovery.Replans + 1, [.. failed.Select(t => t.Id)], by, split),
            new RunStage(Stage.Replan, state.Recovery.ReplanStageAttempts + 1, Continue: false),
        ];
    }

    /// <summary>A round is asked twice at most (the second time with the problems quoted), like the first plan.</summary>
    private static Decision ContinueRound(RunState state, ReplanRound round)
    {
        if (state.ActiveStage is { Stage: Stage.Replan } active) return new RunStage(Stage.Replan, active.Attempt, Continue: true);
        var made = state.Recovery.ReplanStageAttempts - round.FirstAttempt + 1;
        if (state.LastStageFailure is not null && made >= Scheduler.MaxStageAttempts) return new FinishRun(RunStatus.Failed, round.Cause);
        return new RunStage(Stage.Replan, state.Recovery.ReplanStageAttempts + 1, Continue: false);
    }
}
