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

    public TaskPhase Phase { get; init; } = TaskPhase.Pending;

    /// <summary>The highest attempt number claimed so far (attempts count from 1).</summary>
    public int Attempts { get; init; }

    /// <summary>Attempts that ended for the environment (a full disk), which do not count against max_attempts.</summary>
    public int UncountedAttempts { get; init; }
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
    public TokenCounts Tokens { get; init; } = new();

    /// <summary>The variants of best-of rounds recorded so far (every attempt's), in the order they ended.</summary>
    public ImmutableList<VariantResult> Variants { get; init; } = [];

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
