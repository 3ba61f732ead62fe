using Otto.Events;

namespace Otto.Runs;

/// <summary>
/// The fold of fix-or-replan events (replan rounds, later plan versions, pilot decisions) into
/// <see cref="RunState.Recovery"/> and the tasks they change. Called from <see cref="StateFold"/>.
/// </summary>
public static class RecoveryFold
{
    public static RunState Apply(RunState s, EventBody body) => body switch
    {
        ReplanStarted b => s with
        {
            Stage = Stage.Replan,
            Recovery = s.Recovery with
            {
                Replans = b.Replan,
                OpenReplan = new ReplanRound(b.Replan, s.Recovery.ReplanStageAttempts + 1, b.By, b.Split, RoundCause(s, b)),
                RequestedReplan = null,
            },
        },
        PilotAsked b => s with
        {
            Recovery = s.Recovery with
            {
                Consultations = s.Recovery.Consultations.Add(new PilotConsultation(b.Consultation, b.Boundary, b.Key, b.Task, s.Recovery.PilotStageAttempts + 1, null)),
            },
        },
        PilotDecided b => Decided(s, b),
        _ => s,
    };

    public static RunState StageStarted(RunState s, Stage stage, int attempt) => s with
    {
        ActiveStage = new StageProgress(stage, attempt),
        Stage = stage == Stage.Replan ? Stage.Replan : s.Stage,
        Recovery = stage == Stage.Replan
            ? s.Recovery with { ReplanStageAttempts = attempt }
            : s.Recovery with { PilotStageAttempts = attempt },
    };

    /// <summary>
    /// A later plan version: merged tasks stay exactly as they were; every other task is replaced by the
    /// new plan's. A task the new plan names again keeps its attempt numbers (its folders and branch go on)
    /// but counts its attempts and signatures afresh; one it drops is kept in <see cref="RecoveryState.Retired"/>.
    /// </summary>
    public static RunState Replanned(RunState s, PlanAccepted b)
    {
        var old = s.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var named = b.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var tasks = b.Tasks.Select((planned, i) => old.GetValueOrDefault(planned.Id) switch
        {
            { Phase: TaskPhase.Merged } merged => merged with { Order = i },
            { Attempts: > 0 } earlier => StateFold.NewTask(planned, i) with
            {
                Attempts = earlier.Attempts,
                UncountedAttempts = earlier.Attempts,
                HeadCommit = earlier.HeadCommit,
                LastFailure = earlier.LastFailure is { } f ? f with { Limit = null } : null,
                CostUsd = earlier.CostUsd,
                Tokens = earlier.Tokens,
            },
            _ => StateFold.NewTask(planned, i),
        });
        var retired = s.Tasks
            .Where(t => t.Phase != TaskPhase.Merged && !named.Contains(t.Id) && (t.Attempts > 0 || t.Phase != TaskPhase.Pending))
            .Select(t => new RetiredTask(t.Id, t.Title, t.Phase, t.Attempts, s.PlanVersion, t.LastFailure));
        return s with
        {
            PlanVersion = b.Version,
            Tasks = [.. tasks],
            SharedFiles = [.. b.SharedFiles ?? []],
            Stage = Stage.Execute,
            PlanErrors = [],
            Recovery = s.Recovery with { OpenReplan = null, Retired = s.Recovery.Retired.AddRange(retired) },
        };
    }

    /// <summary>The decision is recorded on its consultation; what it does to the task happens here, so the
    /// decider sees it: a retry reopens a failed task, a question waits for a human, a replan or split of a
    /// task still retrying fails it for good and asks for the replan once nothing runs.</summary>
    private static RunState Decided(RunState s, PilotDecided b)
    {
        var verdict = new PilotVerdict(b.Action, b.By, b.Outcome, b.Task, b.Guidance, b.Reason, b.Overruled);
        var consultations = s.Recovery.Consultations.Select(c => c.Number == b.Consultation ? c with { Decision = verdict } : c);
        s = s with { Recovery = s.Recovery with { Consultations = [.. consultations] } };
        if (b.Task is null || s.Task(b.Task) is not { } task || task.Phase == TaskPhase.Merged) return s;
        return b.Action switch
        {
            PilotAction.RetryWithGuidance when task.Phase == TaskPhase.Failed => s.WithTask(task with { Phase = TaskPhase.Pending, Claim = null }),
            PilotAction.AskHuman when task.Phase is TaskPhase.Failed or TaskPhase.Pending => s.WithTask(task with
            {
                Phase = TaskPhase.WaitingForHuman, Questions = task.Questions + 1, Question = b.Guidance ?? b.Reason, Claim = null, Step = AttemptStep.None,
            }),
            PilotAction.Replan or PilotAction.Split when task.Phase == TaskPhase.Pending => s.WithTask(task with { Phase = TaskPhase.Failed, Claim = null })
                with { Recovery = s.Recovery with { RequestedReplan = new ReplanRequest(b.By, b.Action == PilotAction.Split ? b.Task : null) } },
            PilotAction.Replan or PilotAction.Split => s with
            {
                Recovery = s.Recovery with { RequestedReplan = new ReplanRequest(b.By, b.Action == PilotAction.Split ? b.Task : null) },
            },
            _ => s,
        };
    }

    private static FailureInfo RoundCause(RunState s, ReplanStarted b) =>
        b.Failed.Select(id => s.Task(id)?.LastFailure).FirstOrDefault(f => f is not null)
        ?? new FailureInfo(FailureKind.Internal, "a replan started although no task had failed");
}
