using System.Text.Json.Serialization.Metadata;

namespace Otto.Events;

/// <summary>
/// The event vocabulary of events.ndjson in one table: each type's wire name and its serializer.
/// docs/run-folder.md describes each one's data. A type's serializer metadata is made the first time that
/// type is written or read, not all 48 at once: building them all cost every otto process that writes an
/// event ~130 ms (JIT) before its first line.
/// </summary>
public static class EventCatalog
{
    private static readonly (string Name, Type Type, Func<JsonTypeInfo> Make)[] Entries =
    [
        ("run_started", typeof(RunStarted), () => EventJson.Default.RunStarted),
        ("run_resumed", typeof(RunResumed), () => EventJson.Default.RunResumed),
        ("stage_started", typeof(StageStarted), () => EventJson.Default.StageStarted),
        ("stage_finished", typeof(StageFinished), () => EventJson.Default.StageFinished),
        ("classification_accepted", typeof(ClassificationAccepted), () => EventJson.Default.ClassificationAccepted),
        ("plan_rejected", typeof(PlanRejected), () => EventJson.Default.PlanRejected),
        ("plan_accepted", typeof(PlanAccepted), () => EventJson.Default.PlanAccepted),
        ("task_claimed", typeof(TaskClaimed), () => EventJson.Default.TaskClaimed),
        ("attempt_started", typeof(AttemptStarted), () => EventJson.Default.AttemptStarted),
        ("attempt_retried", typeof(AttemptRetried), () => EventJson.Default.AttemptRetried),
        ("attempt_finished", typeof(AttemptFinished), () => EventJson.Default.AttemptFinished),
        ("status_ingested", typeof(StatusIngested), () => EventJson.Default.StatusIngested),
        ("changes_committed", typeof(ChangesCommitted), () => EventJson.Default.ChangesCommitted),
        ("verify_finished", typeof(VerifyFinished), () => EventJson.Default.VerifyFinished),
        ("attempt_failed", typeof(AttemptFailed), () => EventJson.Default.AttemptFailed),
        ("merge_conflict", typeof(MergeConflict), () => EventJson.Default.MergeConflict),
        ("task_merged", typeof(TaskMerged), () => EventJson.Default.TaskMerged),
        ("variant_finished", typeof(VariantFinished), () => EventJson.Default.VariantFinished),
        ("variant_chosen", typeof(VariantChosen), () => EventJson.Default.VariantChosen),
        ("breaker_tripped", typeof(BreakerTripped), () => EventJson.Default.BreakerTripped),
        ("task_failed", typeof(TaskFailed), () => EventJson.Default.TaskFailed),
        ("task_blocked", typeof(TaskBlocked), () => EventJson.Default.TaskBlocked),
        ("task_skipped", typeof(TaskSkipped), () => EventJson.Default.TaskSkipped),
        ("task_waiting", typeof(TaskWaiting), () => EventJson.Default.TaskWaiting),
        ("human_answered", typeof(HumanAnswered), () => EventJson.Default.HumanAnswered),
        ("integration_verified", typeof(IntegrationVerified), () => EventJson.Default.IntegrationVerified),
        ("task_added", typeof(TaskAdded), () => EventJson.Default.TaskAdded),
        ("task_reopened", typeof(TaskReopened), () => EventJson.Default.TaskReopened),
        ("review_requested", typeof(ReviewRequested), () => EventJson.Default.ReviewRequested),
        ("review_finished", typeof(ReviewFinished), () => EventJson.Default.ReviewFinished),
        ("pr_feedback", typeof(PrFeedback), () => EventJson.Default.PrFeedback),
        ("learnings_committed", typeof(LearningsCommitted), () => EventJson.Default.LearningsCommitted),
        ("run_finished", typeof(RunFinished), () => EventJson.Default.RunFinished),
        ("integrity_warning", typeof(IntegrityWarning), () => EventJson.Default.IntegrityWarning),
        ("baseline_started", typeof(BaselineStarted), () => EventJson.Default.BaselineStarted),
        ("baseline_finished", typeof(BaselineFinished), () => EventJson.Default.BaselineFinished),
        ("amendment_requested", typeof(AmendmentRequested), () => EventJson.Default.AmendmentRequested),
        ("amendment_routed", typeof(AmendmentRouted), () => EventJson.Default.AmendmentRouted),
        ("amendment_reopened", typeof(AmendmentReopened), () => EventJson.Default.AmendmentReopened),
        ("amendment_made", typeof(AmendmentMade), () => EventJson.Default.AmendmentMade),
        ("amendment_refused", typeof(AmendmentRefused), () => EventJson.Default.AmendmentRefused),
        ("replan_started", typeof(ReplanStarted), () => EventJson.Default.ReplanStarted),
        ("pilot_asked", typeof(PilotAsked), () => EventJson.Default.PilotAsked),
        ("pilot_decided", typeof(PilotDecided), () => EventJson.Default.PilotDecided),
        ("provider_backoff", typeof(ProviderBackoff), () => EventJson.Default.ProviderBackoff),
        ("provider_recovered", typeof(ProviderRecovered), () => EventJson.Default.ProviderRecovered),
        ("rate_limit_wait", typeof(RateLimitWait), () => EventJson.Default.RateLimitWait),
        ("rate_limit_waited", typeof(RateLimitWaited), () => EventJson.Default.RateLimitWaited),
    ];

    private static readonly JsonTypeInfo?[] Infos = new JsonTypeInfo?[Entries.Length];

    private static readonly Dictionary<string, int> ByName = Index(e => e.Name, StringComparer.Ordinal);

    private static readonly Dictionary<Type, int> ByType = Index(e => e.Type, EqualityComparer<Type>.Default);

    private static readonly byte[][] Utf8Names = [.. Entries.Select(e => System.Text.Encoding.UTF8.GetBytes(e.Name))];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    public static string NameOf(EventBody body) => body is UnknownEvent unknown ? unknown.Type : Entries[ByType[body.GetType()]].Name;

    /// <summary>The serializer for a wire name, or null for a type this version does not know.</summary>
    internal static JsonTypeInfo? InfoOf(string name) => ByName.TryGetValue(name, out var i) ? Info(i) : null;

    /// <summary>The same for a wire name still in the line's bytes: a reader of 20,000 events allocates
    /// no string for 20,000 type names.</summary>
    internal static JsonTypeInfo? InfoOf(ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8Name.SequenceEqual(Utf8Names[i])) return Info(i);
        }
        return null;
    }

    internal static JsonTypeInfo InfoOf(EventBody body) => Info(ByType[body.GetType()]);

    /// <summary>Entry i's serializer, made on first use (two threads making it at once each get a valid one).</summary>
    private static JsonTypeInfo Info(int i)
    {
        if (Volatile.Read(ref Infos[i]) is { } made) return made;
        var info = Entries[i].Make();
        Volatile.Write(ref Infos[i], info);
        return info;
    }

    private static Dictionary<TKey, int> Index<TKey>(Func<(string Name, Type Type, Func<JsonTypeInfo> Make), TKey> key, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, int>(Entries.Length, comparer);
        for (var i = 0; i < Entries.Length; i++) index.Add(key(Entries[i]), i);
        return index;
    }
}
