using System.Text.Json.Serialization;

namespace Otto.Events;

// One task attempt, step by step: claimed, started, (retried), finished, ingested + committed, verified,
// then failed, merged or conflicting. A stage's transient retries use attempt_retried too (with stage set).

public sealed record TaskClaimed(Owner Owner, AttemptKind Kind, bool Takeover) : EventBody;

/// <summary>The agent's wrapper, which leads its process group.</summary>
public sealed record AttemptStarted(int Pid, long StartTime, string? SessionId) : EventBody;

/// <summary>A transient failure retried; not a new attempt. <see cref="Stage"/> and <see cref="StageAttempt"/>
/// are set for a stage's agent (which has no task).</summary>
public sealed record AttemptRetried(int Retry, string Reason, double DelayS, Stage? Stage = null, [property: JsonPropertyName("attempt")] int? StageAttempt = null) : EventBody;

public sealed record AttemptFinished(
    int? ExitCode, string? KilledBy, double DurationS, string? SessionId, decimal? CostUsd, TokenCounts? Tokens,
    string? FailureClass, string? Error) : EventBody;

/// <summary>Which status file was read (`.ai/status.json`, `status.json` or null) and the precise contract problem.</summary>
public sealed record StatusIngested(string? Source, string? Outcome, string? Summary, string? Error) : EventBody;

public sealed record ChangesCommitted(string Commit, string Base, bool Changed) : EventBody;

/// <summary><see cref="PreExisting"/>: the checks failed exactly as they already did on the base commit
/// (`verify.baseline: allow-failing`), which does not count against the task.</summary>
public sealed record VerifyFinished(
    bool Passed, string? Command = null, int? ExitCode = null, bool TimedOut = false, string? Signature = null, IReadOnlyList<string>? Logs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool PreExisting = false) : EventBody;

public sealed record AttemptFailed(
    FailureKind Kind, string? Reason, string? Signature = null, LimitHit? Limit = null, string? Task = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Fatal = false, string? Command = null)
    : EventBody, IFailureFields
{
    public static AttemptFailed Of(FailureInfo f) => new(f.Kind, f.Reason, f.Signature, f.Limit, f.Task, f.Fatal, f.Command);
}

/// <summary>The task's commit conflicts with the integration branch at <see cref="IntegrationSha"/>.</summary>
public sealed record MergeConflict(
    IReadOnlyList<string> Paths, string IntegrationSha, IReadOnlyList<string>? Messages,
    FailureKind Kind = FailureKind.Conflict, string? Reason = null, string? Signature = null, LimitHit? Limit = null,
    string? Task = null, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Fatal = false, string? Command = null)
    : EventBody, IFailureFields;

public sealed record TaskMerged(string Commit, string IntegrationSha, bool AlreadyMerged, IReadOnlyList<string>? OwnershipWarnings = null) : EventBody;
