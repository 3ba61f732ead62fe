using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace Otto.Events;

/// <summary>
/// The event vocabulary of events.ndjson in one table: each type's wire name and its serializer.
/// docs/run-folder.md describes each one's data.
/// </summary>
public static class EventCatalog
{
    private static readonly (string Name, JsonTypeInfo Info)[] Entries =
    [
        ("run_started", EventJson.Default.RunStarted),
        ("run_resumed", EventJson.Default.RunResumed),
        ("stage_started", EventJson.Default.StageStarted),
        ("stage_finished", EventJson.Default.StageFinished),
        ("classification_accepted", EventJson.Default.ClassificationAccepted),
        ("plan_rejected", EventJson.Default.PlanRejected),
        ("plan_accepted", EventJson.Default.PlanAccepted),
        ("task_claimed", EventJson.Default.TaskClaimed),
        ("attempt_started", EventJson.Default.AttemptStarted),
        ("attempt_retried", EventJson.Default.AttemptRetried),
        ("attempt_finished", EventJson.Default.AttemptFinished),
        ("status_ingested", EventJson.Default.StatusIngested),
        ("changes_committed", EventJson.Default.ChangesCommitted),
        ("verify_finished", EventJson.Default.VerifyFinished),
        ("attempt_failed", EventJson.Default.AttemptFailed),
        ("merge_conflict", EventJson.Default.MergeConflict),
        ("task_merged", EventJson.Default.TaskMerged),
        ("variant_finished", EventJson.Default.VariantFinished),
        ("variant_chosen", EventJson.Default.VariantChosen),
        ("breaker_tripped", EventJson.Default.BreakerTripped),
        ("task_failed", EventJson.Default.TaskFailed),
        ("task_blocked", EventJson.Default.TaskBlocked),
        ("task_skipped", EventJson.Default.TaskSkipped),
        ("task_waiting", EventJson.Default.TaskWaiting),
        ("human_answered", EventJson.Default.HumanAnswered),
        ("integration_verified", EventJson.Default.IntegrationVerified),
        ("task_added", EventJson.Default.TaskAdded),
        ("task_reopened", EventJson.Default.TaskReopened),
        ("review_requested", EventJson.Default.ReviewRequested),
        ("review_finished", EventJson.Default.ReviewFinished),
        ("pr_feedback", EventJson.Default.PrFeedback),
        ("learnings_committed", EventJson.Default.LearningsCommitted),
        ("run_finished", EventJson.Default.RunFinished),
        ("integrity_warning", EventJson.Default.IntegrityWarning),
        ("baseline_started", EventJson.Default.BaselineStarted),
        ("baseline_finished", EventJson.Default.BaselineFinished),
        ("amendment_requested", EventJson.Default.AmendmentRequested),
        ("amendment_routed", EventJson.Default.AmendmentRouted),
        ("amendment_reopened", EventJson.Default.AmendmentReopened),
        ("amendment_made", EventJson.Default.AmendmentMade),
        ("amendment_refused", EventJson.Default.AmendmentRefused),
        ("replan_started", EventJson.Default.ReplanStarted),
        ("pilot_asked", EventJson.Default.PilotAsked),
        ("pilot_decided", EventJson.Default.PilotDecided),
        ("provider_backoff", EventJson.Default.ProviderBackoff),
        ("provider_recovered", EventJson.Default.ProviderRecovered),
        ("rate_limit_wait", EventJson.Default.RateLimitWait),
        ("rate_limit_waited", EventJson.Default.RateLimitWaited),
    ];

    private static readonly FrozenDictionary<string, JsonTypeInfo> ByName =
        Entries.ToFrozenDictionary(e => e.Name, e => e.Info, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, string> ByType =
        Entries.ToFrozenDictionary(e => e.Info.Type, e => e.Name);

    private static readonly byte[][] Utf8Names = [.. Entries.Select(e => System.Text.Encoding.UTF8.GetBytes(e.Name))];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    public static string NameOf(EventBody body) => body is UnknownEvent unknown ? unknown.Type : ByType[body.GetType()];

    /// <summary>The serializer for a wire name, or null for a type this version does not know.</summary>
    internal static JsonTypeInfo? InfoOf(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The same for a wire name still in the line's bytes: a reader of 20,000 events allocates
    /// no string for 20,000 type names.</summary>
    internal static JsonTypeInfo? InfoOf(ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8Name.SequenceEqual(Utf8Names[i])) return Entries[i].Info;
        }
        return null;
    }

    internal static JsonTypeInfo InfoOf(EventBody body) => ByName[NameOf(body)];
}
