using System.Text.Json.Serialization;

namespace Otto.Events;

// Run-level stages: classify, plan, integrate (the final check of the integration branch).

public sealed record StageStarted(Stage Stage, int Attempt) : EventBody;

/// <summary>Carries what the stage's agent cost, so run totals include it. <see cref="AgentRan"/> is true when
/// an agent ran for the stage: its null cost or tokens then mean "nobody reported them" (unknown), not
/// "nothing was spent".</summary>
public sealed record StageFinished(
    Stage Stage, int Attempt, bool Ok, FailureInfo? Failure = null, string? SessionId = null, decimal? CostUsd = null, TokenCounts? Tokens = null,
    bool? AgentRan = null) : EventBody;

public sealed record ClassificationAccepted(string Kind, string Size, bool SingleTask, string? Rationale) : EventBody;

/// <summary>The plan's problems, each quoted back to the planner once.</summary>
public sealed record PlanRejected(int Attempt, IReadOnlyList<string> Errors) : EventBody;

/// <summary>An accepted plan version, always whole. From a replan: <see cref="Kept"/> are the merged tasks it
/// keeps as they are, <see cref="Retired"/> the earlier tasks it drops (failed, blocked, skipped, never started).</summary>
public sealed record PlanAccepted(
    int Version, string File, string Sha256, string Summary, IReadOnlyList<PlannedTask> Tasks,
    IReadOnlyList<string>? SharedFiles, IReadOnlyList<PlannedContract>? Contracts,
    IReadOnlyList<string>? Kept = null, IReadOnlyList<string>? Retired = null) : EventBody;

public sealed record PlannedTask(
    string Id, string Title, string Description, TaskRole Role, IReadOnlyList<string>? DependsOn,
    IReadOnlyList<string>? OwnedPaths, IReadOnlyList<string>? Acceptance, string Branch, int? BestOf = null);

public sealed record PlannedContract(string Path, string Owner);

/// <summary>The integration branch on a clean checkout, after every task merged; failure fields when it failed.</summary>
public sealed record IntegrationVerified(
    bool Passed, string? Sha, IReadOnlyList<string>? Logs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] FailureKind Kind = FailureKind.Internal,
    string? Reason = null, string? Signature = null, LimitHit? Limit = null, string? Task = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Fatal = false, string? Command = null) : EventBody, IFailureFields;
