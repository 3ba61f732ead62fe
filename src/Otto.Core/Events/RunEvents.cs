namespace Otto.Events;

// The run's own life: started, resumed, finished.

/// <remarks><see cref="CreatedAt"/> is set when the event was recovered from run.json after a crash kept it
/// out of the log: the run began then, not when the event was written.</remarks>
public sealed record RunStarted(
    string RunId, string Intent, string BaseBranch, string BaseSha, string IntegrationBranch, bool PlanOnly, string? OttoVersion = null,
    DateTimeOffset? CreatedAt = null) : EventBody;

/// <summary>A finished or planned run continued (`otto build --run`, `otto resume`). <see cref="RestoredBranch"/>
/// is the head otto put the integration branch back to (`otto resume --restore-branch`), which lifts the
/// stop that the moved branch caused. <see cref="Environment"/>: continued after an environment problem was fixed (disk space freed, a command
/// installed): what stopped the run for it no longer stops it, and a broken baseline is checked again.</summary>
public sealed record RunResumed(string? Reason = null, string? RestoredBranch = null, bool Environment = false) : EventBody;

public sealed record RunFinished(RunStatus Status, FailureInfo? Cause, string? Reason) : EventBody;

/// <summary>Something changed behind otto's back: a foreign line in the log, a forged final.json, a moved
/// branch. <see cref="What"/> names the thing; <see cref="Offset"/> is the log line's byte offset for a
/// foreign line (so it is reported once). What was set right or set aside is a warning; what otto cannot
/// vouch for any more (<see cref="Stops"/>: a moved integration branch, lost events) ends the run with
/// cause `integrity`.</summary>
public sealed record IntegrityWarning(string What, string Detail, long? Offset = null, bool Stops = false) : EventBody;
