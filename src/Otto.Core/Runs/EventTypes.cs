namespace Otto.Runs;

/// <summary>The event vocabulary of events.ndjson; docs/run-folder.md describes each one's data.</summary>
public static class EventTypes
{
    public const string RunStarted = "run_started";
    public const string RunResumed = "run_resumed";
    public const string StageStarted = "stage_started";
    public const string StageFinished = "stage_finished";
    public const string ClassificationAccepted = "classification_accepted";
    public const string PlanRejected = "plan_rejected";
    public const string PlanAccepted = "plan_accepted";
    public const string TaskClaimed = "task_claimed";
    public const string AttemptStarted = "attempt_started";
    public const string AttemptRetried = "attempt_retried";
    public const string AttemptFinished = "attempt_finished";
    public const string ChangesCommitted = "changes_committed";
    public const string StatusIngested = "status_ingested";
    public const string VerifyFinished = "verify_finished";
    public const string AttemptFailed = "attempt_failed";
    public const string MergeConflict = "merge_conflict";
    public const string TaskMerged = "task_merged";
    public const string BreakerTripped = "breaker_tripped";
    public const string TaskFailed = "task_failed";
    public const string TaskBlocked = "task_blocked";
    public const string TaskSkipped = "task_skipped";
    public const string TaskWaiting = "task_waiting";
    public const string HumanAnswered = "human_answered";
    public const string IntegrationVerified = "integration_verified";
    public const string RunFinished = "run_finished";
}
