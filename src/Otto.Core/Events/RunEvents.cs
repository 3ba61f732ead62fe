namespace Otto.Events;

// The run's own life: started, resumed, finished.

public sealed record RunStarted(
    string RunId, string Intent, string BaseBranch, string BaseSha, string IntegrationBranch, bool PlanOnly, string? OttoVersion = null) : EventBody;

/// <summary>A finished or planned run continued (`otto build --run`, `otto resume`).</summary>
public sealed record RunResumed(string? Reason = null) : EventBody;

public sealed record RunFinished(RunStatus Status, FailureInfo? Cause, string? Reason) : EventBody;
