using Otto.Config;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>What the scheduler wants done next. Each is recorded as events under the run lock, then acted on.</summary>
public abstract record Decision;

/// <summary>Run (or continue) a run-level stage: classify, plan, or verify the integration branch.</summary>
public sealed record RunStage(Stage Stage, int Attempt, bool Continue) : Decision;

/// <summary>Verify the base commit (beside classify and plan), or keep that check running.</summary>
public sealed record RunBaseline(int Attempt, bool Continue) : Decision;

/// <summary>Claim and run a task attempt; a takeover continues a stale owner's attempt under the same number.</summary>
public sealed record StartAttempt(string TaskId, int Attempt, AttemptKind Kind, bool Takeover) : Decision;

public sealed record FailTask(string TaskId, FailureInfo Cause, bool Breaker) : Decision;

public sealed record BlockTask(string TaskId, string BlockedBy) : Decision;

public sealed record SkipTask(string TaskId, string Reason) : Decision;

public sealed record FinishRun(RunStatus Status, FailureInfo? Cause) : Decision;

/// <summary>Add a task while the run goes: the integration task (see <see cref="IntegrationTask"/>).</summary>
public sealed record AddTask(string TaskId, TaskAdded Task) : Decision;

/// <summary>Give a merged task a fix round (a failed integration check, review findings, PR feedback).</summary>
public sealed record ReopenTask(string TaskId, TaskReopened Reopen) : Decision;

/// <summary>Nothing can move until a human answers a task's question.</summary>
public sealed record WaitForHuman(IReadOnlyList<string> TaskIds) : Decision;

/// <summary>A plan-only run has its plan: stop until `otto build --run` continues it.</summary>
public sealed record PlanReady : Decision;

/// <summary>What the I/O layer observed about a claim: is its owner provably dead, when did it last beat.</summary>
public sealed record ClaimObservation(bool OwnerProvablyDead, DateTimeOffset? LastHeartbeat);

/// <summary>The parts of otto.yaml the scheduler needs.</summary>
public sealed record SchedulerPolicy(
    int Concurrency,
    int MaxAttempts,
    int SignatureLimit,
    TimeSpan RunBudget,
    decimal MaxCostUsd,
    TimeSpan LeaseTimeout,
    string Baseline = BaselineModes.Off,
    int MaxQuestions = 3,
    int MaxReplans = 0,
    bool HasPilot = false,
    int BestOf = 1)
{
    /// <summary>review.enabled: the verified branch is reviewed before the run succeeds.</summary>
    public bool ReviewEnabled { get; init; }

    public int MaxReviewRounds { get; init; } = 2;

    /// <summary>limits.max_amendments: amendments routed to an owner per run.</summary>
    public int MaxAmendments { get; init; } = 3;

    public static SchedulerPolicy From(Config.OttoConfig config) => new(
        config.Concurrency,
        config.Limits.MaxAttempts,
        config.Limits.SignatureLimit,
        config.Limits.RunBudget,
        config.Limits.MaxCostUsd,
        config.Limits.LeaseTimeout,
        config.Verify.Baseline,
        config.Limits.MaxQuestions,
        config.Limits.MaxReplans,
        config.Roles.Pilot is not null,
        config.BestOf)
    {
        ReviewEnabled = config.Review.Enabled,
        MaxReviewRounds = config.Limits.MaxReviewRounds,
        MaxAmendments = config.Limits.MaxAmendments,
    };
}
