using System.Collections.Immutable;
using Otto.Events;

namespace Otto.Runs;

/// <summary>
/// The pure fold of events into <see cref="RunState"/>. Counts (attempts, retries, cost) are true by
/// construction because they are derived from what was recorded, never kept on the side.
/// </summary>
public static class StateFold
{
    public static RunState Fold(RunState state, IEnumerable<RunEvent> events)
    {
        long? last = null;
        foreach (var e in events)
        {
            state = ApplyBody(state, e);
            last = e.Seq;
        }
        return last is { } seq ? state with { Seq = seq } : state;
    }

    public static RunState Apply(RunState s, RunEvent e) => ApplyBody(s, e) with { Seq = e.Seq };

    /// <summary>
    /// The event's effect on everything but <see cref="RunState.Seq"/>, which the caller sets after the last
    /// event of a sequence: a fold of 20,000 events copies the state once per event instead of twice (nothing
    /// here reads Seq). Returns <paramref name="s"/> itself when the event changes nothing else.
    /// </summary>
    public static RunState ApplyBody(RunState s, RunEvent e)
    {
        return e.Body switch
        {
            RunStarted b => s with
            {
                RunId = b.RunId.Length > 0 ? b.RunId : s.RunId,
                Intent = b.Intent,
                CreatedAt = b.CreatedAt ?? e.Ts,
                BaseBranch = b.BaseBranch,
                BaseSha = b.BaseSha,
                IntegrationBranch = b.IntegrationBranch,
                IntegrationHead = b.BaseSha,
                PlanOnly = b.PlanOnly,
            },
            RunResumed b => Reopened(s, b, e.Ts),
            StageStarted b => StageStarted(s, b.Stage, b.Attempt),
            StageFinished b => s with
            {
                ActiveStage = null,
                LastStageFailure = b.Ok ? null : b.Failure,
                CostUsd = s.CostUsd + (b.CostUsd ?? 0m),
                UnknownCosts = s.UnknownCosts + (b.AgentRan == true && b.CostUsd is null ? 1 : 0),
                Tokens = s.Tokens.Add(b.Tokens),
                UnknownTokens = s.UnknownTokens + (b.AgentRan == true && b.Tokens is null ? 1 : 0),
            },
            ClassificationAccepted b => s with { Classification = new Classification(b.Kind, b.Size, b.SingleTask, b.Rationale) },
            PlanRejected b => s with { PlanErrors = [.. b.Errors] },
            PlanAccepted b => PlanAccepted(s, b),
            IntegrationVerified b => s with
            {
                IntegrationVerified = b.Passed,
                IntegrationFailure = b.Passed ? null : ((IFailureFields)b).ToFailure(),
            },
            LearningsCommitted b => s with { IntegrationHead = b.Commit },
            RunFinished b => s with
            {
                Outcome = new RunOutcome(b.Status, b.Cause),
                Status = b.Status,
                FinishedAt = e.Ts,
                ActiveStage = null,
                Tasks = s.Tasks.Select(t => t with { Claim = null }).ToImmutableList(),
            },
            TaskAdded b when e.Task is not null && s.Task(e.Task) is null => PostMergeFold.AddTask(s, e.Task, b),
            TaskReopened b when e.Task is not null && s.Task(e.Task) is { Phase: TaskPhase.Merged } merged => PostMergeFold.Reopen(s, merged, b),
            ReviewRequested => s with { Review = new ReviewProgress(Requested: true, Attempts: s.Review.Attempts, Accepted: s.Review.Accepted) },
            ReviewFinished b => s with { Review = s.Review with { Rounds = b.Round, Last = b, Tries = 0, Accepted = s.Review.Accepted + 1 } },
            PrFeedback b => s with { Pr = s.Pr with { Rounds = b.Round, Last = b } },
            BaselineStarted b => s with { Baseline = new BaselineState(b.Attempt, false, false, null, false) },
            BaselineFinished b => s with
            {
                Baseline = new BaselineState(b.Attempt, true, b.Passed, b.Passed ? null : ((IFailureFields)b).ToFailure(), b.Cached),
            },
            ReplanStarted or PilotAsked or PilotDecided => RecoveryFold.Apply(s, e.Body),
            ProviderBackoff or ProviderRecovered or RateLimitWait or RateLimitWaited => RateLimitFold.Apply(s, e),
            IntegrityWarning b => s with
            {
                Warnings = s.Warnings.Add(b),
                UnreportedLogProblems = b.Offset is { } at ? [.. s.UnreportedLogProblems.Where(p => p.Offset != at)] : s.UnreportedLogProblems,
            },
            IAmendmentEvent b => AmendmentFold.Apply(s, e, b),
            _ when e.Task is not null && s.Task(e.Task) is { } task => AmendmentFold.Deliver(ApplyToTask(s, task, e), e),
            _ => s,
        };
    }

    private static RunState Reopened(RunState s, RunResumed b, DateTimeOffset at)
    {
        s = s with
        {
            Outcome = null, Status = RunStatus.Running, FinishedAt = null, PlanOnly = false,
            // The time an ended run sat before it was reopened (`otto review`, say) is not the run's budget.
            PausedFor = s.PausedFor + (s.FinishedAt is { } ended && at > ended ? at - ended : TimeSpan.Zero),
            Warnings = b.RestoredBranch is null ? s.Warnings : [.. s.Warnings.Select(w => w.What == "integration_branch" ? w with { Stops = false } : w)],
        };
        if (!b.Environment) return s;
        // The environment was fixed: what it stopped may go on (the failed attempts stay uncounted).
        var tasks = s.Tasks.Select(t => t.LastFailure is { Kind: FailureKind.Environment, Fatal: true } f ? t with { LastFailure = f with { Fatal = false } } : t);
        return s with
        {
            Tasks = [.. tasks],
            Baseline = s.Baseline is { Failure.Kind: FailureKind.Environment } ? null : s.Baseline,
            LastStageFailure = s.LastStageFailure is { Kind: FailureKind.Environment } ? null : s.LastStageFailure,
        };
    }

    private static RunState StageStarted(RunState s, Stage stage, int attempt) => stage switch
    {
        Stage.Classify => s with { Stage = stage, ActiveStage = new(stage, attempt), ClassifyAttempts = attempt },
        Stage.Plan => s with { Stage = stage, ActiveStage = new(stage, attempt), PlanAttempts = attempt },
        Stage.Integrate => s with { Stage = stage, ActiveStage = new(stage, attempt), IntegrationVerifyAttempts = attempt },
        Stage.Review => s with { Stage = stage, ActiveStage = new(stage, attempt), Review = s.Review with { Attempts = attempt, Tries = s.Review.Tries + 1 } },
        Stage.Replan or Stage.Pilot => RecoveryFold.StageStarted(s, stage, attempt),
        _ => s with { Stage = stage, ActiveStage = new(stage, attempt) },
    };

    private static RunState PlanAccepted(RunState s, PlanAccepted b)
    {
        // A later version replaces what did not merge and keeps what did (RecoveryFold).
        if (s.Tasks.Count > 0) return RecoveryFold.Replanned(s, b);
        var tasks = b.Tasks.Select(NewTask);
        return s with
        {
            PlanVersion = b.Version, Tasks = [.. tasks], SharedFiles = [.. b.SharedFiles ?? []], Stage = Stage.Execute, PlanErrors = [],
            Contracts = [.. b.Contracts ?? []], Amendments = [],
        };
    }

    internal static TaskState NewTask(PlannedTask t, int order) => new()
    {
        Id = t.Id,
        Title = t.Title,
        Description = t.Description,
        Role = t.Role,
        DependsOn = [.. t.DependsOn ?? []],
        OwnedPaths = [.. t.OwnedPaths ?? []],
        Acceptance = [.. t.Acceptance ?? []],
        Branch = t.Branch,
        Order = order,
        BestOf = t.BestOf,
    };

    private static RunState ApplyToTask(RunState s, TaskState t, RunEvent e)
    {
        // A task that ended stays ended: a late or stray event (a stale owner's, or one otto did not
        // write) must not bring it back. Only a new plan version replaces tasks.
        if (t.IsTerminal) return s;
        switch (e.Body)
        {
            case TaskClaimed b:
                var attempt = e.Attempt ?? t.Attempts + 1;
                var isNewAttempt = attempt > t.Attempts;
                return s.WithTask(t with
                {
                    Claim = new Claim(attempt, b.Owner, b.Kind, e.Ts),
                    Attempts = Math.Max(t.Attempts, attempt),
                    Phase = t.Step >= AttemptStep.Committed && !isNewAttempt ? TaskPhase.Verifying : TaskPhase.Running,
                    Step = isNewAttempt ? AttemptStep.Claimed : t.Step,
                    TransientRetries = isNewAttempt ? 0 : t.TransientRetries,
                    Agent = isNewAttempt ? null : t.Agent,
                });
            case AttemptStarted b:
                return s.WithTask(t with
                {
                    Step = AttemptStep.Started, Agent = new AgentProcessInfo(b.Pid, b.StartTime, e.Ts), SessionId = b.SessionId ?? t.SessionId,
                });
            case AttemptRetried:
                return s.WithTask(t with { Step = AttemptStep.Claimed, Agent = null, TransientRetries = t.TransientRetries + 1 });
            case AttemptFinished b:
                // A cost or token count nobody reported is unknown, never 0: counted apart from the sums.
                var cost = b.CostUsd ?? 0m;
                var (unknownCost, unknownTokens) = (b.CostUsd is null ? 1 : 0, b.Tokens is null ? 1 : 0);
                return s.WithTask(t with
                {
                    Step = AttemptStep.Finished,
                    Agent = null,
                    CostUsd = t.CostUsd + cost,
                    UnknownCosts = t.UnknownCosts + unknownCost,
                    Tokens = t.Tokens.Add(b.Tokens),
                    UnknownTokens = t.UnknownTokens + unknownTokens,
                    AgentSeconds = t.AgentSeconds + b.DurationS,
                    SessionId = b.SessionId ?? t.SessionId,
                }) with
                {
                    CostUsd = s.CostUsd + cost, UnknownCosts = s.UnknownCosts + unknownCost,
                    Tokens = s.Tokens.Add(b.Tokens), UnknownTokens = s.UnknownTokens + unknownTokens,
                };
            case ChangesCommitted b:
                return s.WithTask(t with { Step = AttemptStep.Committed, HeadCommit = b.Commit, Phase = TaskPhase.Verifying });
            case StatusIngested b:
                return s.WithTask(t with { Summary = b.Summary ?? t.Summary });
            case VerifyFinished b:
                return b.Passed ? s.WithTask(t with { Step = AttemptStep.Verified }) : s;
            case AttemptFailed b:
                var failure = ((IFailureFields)b).ToFailure() with { Task = t.Id };
                var environment = failure.Kind == FailureKind.Environment;
                return s.WithTask(t with
                {
                    LastFailure = failure,
                    UncountedAttempts = t.UncountedAttempts + (environment ? 1 : 0),
                    SignatureCounts = environment ? t.SignatureCounts : Count(t.SignatureCounts, failure.Signature),
                    Claim = null,
                    Step = AttemptStep.None,
                    Phase = TaskPhase.Pending,
                    PendingConflict = null,
                });
            case MergeConflict b:
                var conflict = ((IFailureFields)b).ToFailure() with { Kind = FailureKind.Conflict, Task = t.Id };
                return s.WithTask(t with
                {
                    LastFailure = conflict,
                    SignatureCounts = Count(t.SignatureCounts, conflict.Signature),
                    PendingConflict = new ConflictInfo([.. b.Paths], b.IntegrationSha),
                    Claim = null,
                    Step = AttemptStep.None,
                    Phase = TaskPhase.Pending,
                });
            case TaskMerged b:
                return s.WithTask(t with
                {
                    Phase = TaskPhase.Merged, MergedCommit = b.Commit, IntegrationCommit = b.IntegrationSha, Claim = null, Step = AttemptStep.None, PendingConflict = null,
                    AmendmentRound = false,
                }) with { IntegrationHead = b.IntegrationSha };
            case TaskFailed b:
                var cause = b.Cause ?? t.LastFailure ?? new FailureInfo(FailureKind.Internal, null);
                return s.WithTask(t with { Phase = TaskPhase.Failed, LastFailure = cause with { Task = t.Id }, Claim = null, Step = AttemptStep.None });
            case TaskBlocked:
                return s.WithTask(t with { Phase = TaskPhase.Blocked, Claim = null });
            case TaskSkipped:
                return s.WithTask(t with { Phase = TaskPhase.Skipped, Claim = null });
            case TaskWaiting b:
                return s.WithTask(t with { Phase = TaskPhase.WaitingForHuman, Questions = t.Questions + 1, Question = b.Question, Claim = null, Step = AttemptStep.None });
            case HumanAnswered b:
                return s.WithTask(t with { Phase = TaskPhase.Pending, Answer = b.Answer });
            case VariantFinished or VariantChosen:
                return VariantFold.Apply(s, t, e);
            default:
                return s;
        }
    }

    private static ImmutableDictionary<string, int> Count(ImmutableDictionary<string, int> counts, string? signature) =>
        signature is null ? counts : counts.SetItem(signature, counts.GetValueOrDefault(signature) + 1);
}
