using System.Globalization;
using Otto.Config;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// When the pilot role is asked (only when one is configured): a task failed for good (at the end of a
/// plan version), a task's attempts failed with the same signature twice, a conflict fix left markers, or
/// 80% of a budget is spent. Each boundary is asked about once (its key); the task concerned waits for the
/// answer. A pilot that gives no valid answer twice is replaced by the built-in rules (<see cref="PilotJudge.ByRules"/>).
/// </summary>
public static class PilotRules
{
    public const decimal BudgetShare = 0.8m;

    private static readonly IReadOnlySet<string> NoTask = new HashSet<string>();

    /// <summary>While tasks run: a give-up to carry out, an open consultation to go on with, or a new boundary.</summary>
    /// <returns>The decisions, and the tasks that must not start while the pilot is asked about them.</returns>
    public static (IReadOnlyList<Decision> Decisions, IReadOnlySet<string> Held) During(RunState state, SchedulerPolicy policy, DateTimeOffset now)
    {
        var recovery = state.Recovery;
        if (recovery.Consultations.Count > 0 && recovery.Consultations[^1] is { Decision.Action: PilotAction.GiveUp } gaveUp)
            return ([new FinishRun(RunStatus.Failed, GiveUpCause(state, policy, gaveUp))], NoTask);
        if (!policy.HasPilot) return ([], NoTask);
        if (recovery.OpenConsultation is { } open)
        {
            var held = open.Task is { } id && open.Boundary is PilotBoundary.SameSignature or PilotBoundary.Conflict ? new HashSet<string> { id } : NoTask;
            return ([Continue(state, policy, open)], held);
        }
        // A failing run is asked about once nothing runs (AtTaskFailed), not task by task.
        if (state.Tasks.Any(t => t.Phase == TaskPhase.Failed)) return ([], NoTask);
        foreach (var task in state.Tasks.Where(t => t.Phase == TaskPhase.Pending && t.Claim is null && t.Attempts > 0 && t.LastFailure is not null))
        {
            if (!PilotJudge.AttemptsLeft(task, policy)) continue;
            var boundary = Boundary(task, policy);
            if (boundary is null) continue;
            if (recovery.Consultation(boundary.Value.Key) is not null) continue;
            return (Ask(state, boundary.Value.Boundary, boundary.Value.Key, task.Id), new HashSet<string> { task.Id });
        }
        if (state.ActiveStage is null && BudgetBoundary(state, policy, now) is { } budget && recovery.Consultation(budget) is null)
            return (Ask(state, PilotBoundary.Budget, budget, null), NoTask);
        return ([], NoTask);
    }

    /// <summary>At the end of a failed plan version: ask the pilot, once per plan version; null once it answered
    /// (its answer is in the state already: a requested replan, a reopened task), so the rules go on.</summary>
    public static IReadOnlyList<Decision>? AtTaskFailed(RunState state, IReadOnlyList<TaskState> failed)
    {
        var key = $"task_failed:v{state.PlanVersion}";
        return state.Recovery.Consultation(key) is null ? Ask(state, PilotBoundary.TaskFailed, key, failed[0].Id) : null;
    }

    /// <summary>The cause a give-up ends the run with: the task's failure, or for a budget the limit nearly spent.</summary>
    public static FailureInfo GiveUpCause(RunState state, SchedulerPolicy policy, PilotConsultation consultation)
    {
        var reason = consultation.Decision?.Reason is { Length: > 0 } why ? $": {why}" : "";
        if (consultation.Boundary == PilotBoundary.Budget)
        {
            var name = consultation.Key["budget:".Length..];
            var value = name == "run_budget" ? Duration.Format(policy.RunBudget) : policy.MaxCostUsd.ToString(CultureInfo.InvariantCulture);
            return new FailureInfo(FailureKind.Limit, $"the pilot gave up with 80% of limits.{name} ({value}) spent{reason}", null, new LimitHit(name, value));
        }
        var task = consultation.Task is { } id ? state.Task(id) : null;
        var cause = task?.LastFailure ?? new FailureInfo(FailureKind.Agent, $"the pilot gave up{reason}", Task: consultation.Task);
        // The rules give up at a failed task only when no replan is left: that limit is what ended the run.
        return consultation.Decision?.By == DecidedBy.Rules && ReplanRules.Replannable(cause) ? ReplanRules.LimitCause(cause, policy) : cause;
    }

    private static (PilotBoundary Boundary, string Key)? Boundary(TaskState task, SchedulerPolicy policy)
    {
        var failure = task.LastFailure!;
        // A conflict fix that left markers behind (a new conflict on merging is a MergeConflict, with its regions).
        if (failure.Kind == FailureKind.Conflict && task.PendingConflict is null)
            return (PilotBoundary.Conflict, $"conflict:{task.Id}:{task.Attempts}");
        if (failure.Signature is { } signature && task.SignatureCounts.GetValueOrDefault(signature) == 2 && policy.SignatureLimit > 2)
            return (PilotBoundary.SameSignature, $"same_signature:{task.Id}:{signature}");
        return null;
    }

    private static string? BudgetBoundary(RunState state, SchedulerPolicy policy, DateTimeOffset now)
    {
        if (state.CreatedAt != default && (now - state.CreatedAt).Ticks >= (long)(policy.RunBudget.Ticks * BudgetShare)) return "budget:run_budget";
        if (state.CostUsd >= policy.MaxCostUsd * BudgetShare) return "budget:max_cost_usd";
        return null;
    }

    private static IReadOnlyList<Decision> Ask(RunState state, PilotBoundary boundary, string key, string? task) =>
    [
        new AskPilot(state.Recovery.Consultations.Count + 1, boundary, key, task),
        new RunStage(Stage.Pilot, state.Recovery.PilotStageAttempts + 1, Continue: false),
    ];

    /// <summary>The pilot is asked twice at most; then the built-in rules decide.</summary>
    private static Decision Continue(RunState state, SchedulerPolicy policy, PilotConsultation open)
    {
        if (state.ActiveStage is { Stage: Stage.Pilot } active) return new RunStage(Stage.Pilot, active.Attempt, Continue: true);
        var made = state.Recovery.PilotStageAttempts - open.FirstAttempt + 1;
        if (state.LastStageFailure is { } failure && made >= Scheduler.MaxStageAttempts)
            return new DecideBoundary(PilotJudge.ByRules(state, policy, open, $"the pilot gave no valid answer: {failure.Reason}"));
        return new RunStage(Stage.Pilot, state.Recovery.PilotStageAttempts + 1, Continue: false);
    }
}
