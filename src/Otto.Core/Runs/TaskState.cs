using System.Collections.Immutable;
using Otto.Events;

namespace Otto.Runs;

/// <summary>One task of the accepted plan and everything its attempts did, folded from events.</summary>
public sealed record TaskState
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public TaskRole Role { get; init; } = TaskRole.Feature;
    public ImmutableList<string> DependsOn { get; init; } = [];
    public ImmutableList<string> OwnedPaths { get; init; } = [];
    public ImmutableList<string> Acceptance { get; init; } = [];
    public string Branch { get; init; } = "";

    /// <summary>The plan's `best_of` for this task, when it set one (else otto.yaml's applies).</summary>
    public int? BestOf { get; init; }
    public int Order { get; init; }

    /// <summary>Added by otto while the run went (task_added), not by the plan: the integration task.</summary>
    public bool Added { get; init; }

    /// <summary>The fix round the task is in (task_added, task_reopened), or null for a planned task's first round.</summary>
    public TaskRound? Round { get; init; }

    /// <summary>Attempts the current round began with: the round may make limits.max_attempts more.</summary>
    public int AttemptBase => Round?.AttemptBase ?? 0;

    public TaskPhase Phase { get; init; } = TaskPhase.Pending;

    /// <summary>The highest attempt number claimed so far (attempts count from 1).</summary>
    public int Attempts { get; init; }

    /// <summary>Attempts that do not count against limits.max_attempts: those that ended for the environment
    /// (a full disk), those that ended by asking for amendments, and for an owner reopened to make
    /// amendments, every attempt before the reopening.</summary>
    public int UncountedAttempts { get; init; }

    /// <summary>The task had merged and was reopened to make amendments (its attempts are of kind amend).</summary>
    public bool AmendmentRound { get; init; }

    /// <summary>An integration head the task's next attempt starts on top of (otto merges the integration
    /// branch into its worktree first): after an amendment it asked for was made, or when it was reopened.</summary>
    public string? StartOnTopOf { get; init; }
    public Claim? Claim { get; init; }
    public AttemptStep Step { get; init; } = AttemptStep.None;
    public AgentProcessInfo? Agent { get; init; }
    public int TransientRetries { get; init; }
    public string? HeadCommit { get; init; }
    public string? MergedCommit { get; init; }

    /// <summary>The integration branch's head right after this task landed (its merge or squash commit).</summary>
    public string? IntegrationCommit { get; init; }
    public FailureInfo? LastFailure { get; init; }
    public ImmutableDictionary<string, int> SignatureCounts { get; init; } = ImmutableDictionary<string, int>.Empty;
    public ConflictInfo? PendingConflict { get; init; }

    /// <summary>How many times the task asked a human (task_waiting events); limits.max_questions bounds the answers.</summary>
    public int Questions { get; init; }
    public string? Question { get; init; }
    public string? Answer { get; init; }
    public string? Summary { get; init; }
    public string? SessionId { get; init; }
    public decimal CostUsd { get; init; }
    /// <summary>Attempts whose cost (tokens) nobody reported: <see cref="CostUsd"/> (<see cref="Tokens"/>) sums the others.</summary>
    public int UnknownCosts { get; init; }
    public TokenCounts Tokens { get; init; } = new();
    public int UnknownTokens { get; init; }
    /// <summary>How long its agents ran, over all attempts (attempt_finished duration_s).</summary>
    public double AgentSeconds { get; init; }

    /// <summary>The variants of best-of rounds recorded so far (every attempt's), in the order they ended.</summary>
    public ImmutableList<VariantResult> Variants { get; init; } = [];

    /// <summary>The attempts limits.max_attempts counts.</summary>
    public int CountedAttempts => Attempts - UncountedAttempts;

    public bool IsTerminal => Phase is TaskPhase.Merged or TaskPhase.Failed or TaskPhase.Blocked or TaskPhase.Skipped;
}

public enum TaskPhase
{
    Pending,
    Running,
    Verifying,
    Merged,
    Failed,
    Blocked,
    Skipped,
    WaitingForHuman,

    /// <summary>Its attempt asked for amendments (changes in paths other tasks own); it gets a new attempt
    /// once they are made. `otto status` shows it as pending, with what it waits on.</summary>
    WaitingForAmendment,
}

/// <summary>How far the claimed attempt has got; a new owner continues from here after a takeover.</summary>
public enum AttemptStep
{
    None,
    Claimed,
    Started,
    Finished,
    Committed,
    Verified,
}

public sealed record Claim(int Attempt, Owner Owner, AttemptKind Kind, DateTimeOffset ClaimedAt);

public sealed record AgentProcessInfo(int Pid, long StartTime, DateTimeOffset StartedAt);

public sealed record ConflictInfo(ImmutableList<string> Paths, string IntegrationSha);
