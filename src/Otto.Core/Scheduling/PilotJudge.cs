using System.Globalization;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>The pilot's answer (`.ai/decision.json`) as read, before otto judges it.</summary>
public sealed record PilotAnswer(PilotAction Action, string? Task, string? Guidance, string? Reason);

/// <summary>
/// Judges a pilot's answer against the run's limits and turns it into the decision otto carries out. A
/// pilot cannot buy what the limits do not allow: a retry or a question needs attempts left under
/// limits.max_attempts and an untripped breaker, a replan or split needs limits.max_replans left. An answer
/// that asks past a limit is overruled and the built-in rules decide, with the reason recorded.
/// </summary>
public static class PilotJudge
{
    public static PilotDecided Judge(RunState state, SchedulerPolicy policy, PilotConsultation consultation, PilotAnswer answer)
    {
        var taskId = answer.Task ?? consultation.Task;
        var task = taskId is null ? null : state.Task(taskId);
        var refusal = Refusal(state, policy, consultation, answer, taskId, task);
        if (refusal is not null)
            return ByRules(state, policy, consultation, $"the pilot answered {answer.Action.Name()}, but {refusal}") with { Reason = answer.Reason };
        var outcome = answer.Action switch
        {
            PilotAction.RetryWithGuidance when consultation.Boundary == PilotBoundary.Budget => "carry on",
            PilotAction.RetryWithGuidance => $"task {taskId} tries again (attempt {task!.Attempts + 1}) with the pilot's guidance",
            PilotAction.AskHuman => $"task {taskId} waits for a human answer",
            PilotAction.Replan => ReplanOutcome(state, policy, null),
            PilotAction.Split => ReplanOutcome(state, policy, taskId),
            _ => "the run ends failed",
        };
        return new PilotDecided(consultation.Number, answer.Action, DecidedBy.Pilot, outcome, taskId, answer.Guidance, answer.Reason);
    }

    /// <summary>The built-in rules at a boundary: at a task that failed for good, replan when allowed, else give
    /// up; anywhere else, carry on as the limits say.</summary>
    public static PilotDecided ByRules(RunState state, SchedulerPolicy policy, PilotConsultation consultation, string? overruled)
    {
        if (consultation.Boundary != PilotBoundary.TaskFailed)
            return new PilotDecided(consultation.Number, PilotAction.RetryWithGuidance, DecidedBy.Rules, "carry on", consultation.Task, null, null, overruled);
        var cause = consultation.Task is { } id ? state.Task(id)?.LastFailure : null;
        var replan = ReplanRules.ReplansLeft(state, policy) && (cause is null || ReplanRules.Replannable(cause));
        return replan
            ? new PilotDecided(consultation.Number, PilotAction.Replan, DecidedBy.Rules, ReplanOutcome(state, policy, null), consultation.Task, null, null, overruled)
            : new PilotDecided(consultation.Number, PilotAction.GiveUp, DecidedBy.Rules, "the run ends failed", consultation.Task, null, null, overruled);
    }

    /// <summary>True when the task may have another attempt under limits.max_attempts and its breaker has not tripped.</summary>
    public static bool AttemptsLeft(TaskState task, SchedulerPolicy policy) =>
        task.Attempts - task.UncountedAttempts < policy.MaxAttempts
        && !(task.LastFailure?.Signature is { } signature && task.SignatureCounts.GetValueOrDefault(signature) >= policy.SignatureLimit)
        && task.LastFailure?.Kind != FailureKind.Breaker;

    private static string? Refusal(RunState state, SchedulerPolicy policy, PilotConsultation consultation, PilotAnswer answer, string? taskId, TaskState? task)
    {
        if (taskId is not null && task is null) return $"'{taskId}' is not a task of plan v{state.PlanVersion}";
        if (task is { Phase: TaskPhase.Merged }) return $"task {taskId} is already merged";
        if (consultation.Boundary == PilotBoundary.Budget)
            return answer.Action is PilotAction.GiveUp or PilotAction.RetryWithGuidance ? null : "at a budget boundary otto can only carry on or give up";
        switch (answer.Action)
        {
            case PilotAction.RetryWithGuidance or PilotAction.AskHuman:
                if (task is null) return "it named no task";
                if (answer.Action == PilotAction.AskHuman && string.IsNullOrWhiteSpace(answer.Guidance ?? answer.Reason)) return "it gave no question (guidance or reason) for the human";
                if (!AttemptsLeft(task, policy))
                    return $"task {taskId} has no attempt left (limits.max_attempts {policy.MaxAttempts}, limits.signature_limit {policy.SignatureLimit}); a pilot cannot add attempts";
                return null;
            case PilotAction.Replan or PilotAction.Split:
                if (answer.Action == PilotAction.Split && task is null) return "it named no task to split";
                return ReplanRules.ReplansLeft(state, policy) ? null : $"the run has used its {policy.MaxReplans} replans (limits.max_replans)";
            default:
                return null;
        }
    }

    private static string ReplanOutcome(RunState state, SchedulerPolicy policy, string? split) =>
        string.Create(CultureInfo.InvariantCulture, $"replan {state.Recovery.Replans + 1} of {policy.MaxReplans}")
        + (split is null ? "" : $", splitting task {split}") + " once nothing runs";
}
