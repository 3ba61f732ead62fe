using System.Text.Json.Serialization;

namespace Otto.Events;

/// <summary>The one serializer of event data: source-generated, snake_case, nulls left out, closed sets by
/// their <see cref="Wire"/> names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [
        typeof(WireEnumConverter<RunStatus>), typeof(WireEnumConverter<Stage>), typeof(WireEnumConverter<FailureKind>),
        typeof(WireEnumConverter<TaskRole>), typeof(WireEnumConverter<AttemptKind>), typeof(WireEnumConverter<FixSource>),
        typeof(WireEnumConverter<PilotAction>), typeof(WireEnumConverter<PilotBoundary>), typeof(WireEnumConverter<DecidedBy>),
    ])]
[JsonSerializable(typeof(RunStarted))]
[JsonSerializable(typeof(RunResumed))]
[JsonSerializable(typeof(RunFinished))]
[JsonSerializable(typeof(IntegrityWarning))]
[JsonSerializable(typeof(BaselineStarted))]
[JsonSerializable(typeof(BaselineFinished))]
[JsonSerializable(typeof(StageStarted))]
[JsonSerializable(typeof(StageFinished))]
[JsonSerializable(typeof(ClassificationAccepted))]
[JsonSerializable(typeof(PlanRejected))]
[JsonSerializable(typeof(PlanAccepted))]
[JsonSerializable(typeof(IntegrationVerified))]
[JsonSerializable(typeof(TaskClaimed))]
[JsonSerializable(typeof(AttemptStarted))]
[JsonSerializable(typeof(AttemptRetried))]
[JsonSerializable(typeof(AttemptFinished))]
[JsonSerializable(typeof(StatusIngested))]
[JsonSerializable(typeof(ChangesCommitted))]
[JsonSerializable(typeof(VerifyFinished))]
[JsonSerializable(typeof(AttemptFailed))]
[JsonSerializable(typeof(MergeConflict))]
[JsonSerializable(typeof(TaskMerged))]
[JsonSerializable(typeof(BreakerTripped))]
[JsonSerializable(typeof(TaskFailed))]
[JsonSerializable(typeof(TaskBlocked))]
[JsonSerializable(typeof(TaskSkipped))]
[JsonSerializable(typeof(TaskWaiting))]
[JsonSerializable(typeof(HumanAnswered))]
[JsonSerializable(typeof(TaskAdded))]
[JsonSerializable(typeof(TaskReopened))]
[JsonSerializable(typeof(ReviewRequested))]
[JsonSerializable(typeof(ReviewFinished))]
[JsonSerializable(typeof(PrFeedback))]
[JsonSerializable(typeof(LearningsCommitted))]
[JsonSerializable(typeof(VariantFinished))]
[JsonSerializable(typeof(VariantChosen))]
[JsonSerializable(typeof(AmendmentRequested))]
[JsonSerializable(typeof(AmendmentRouted))]
[JsonSerializable(typeof(AmendmentReopened))]
[JsonSerializable(typeof(AmendmentMade))]
[JsonSerializable(typeof(AmendmentRefused))]
[JsonSerializable(typeof(ReplanStarted))]
[JsonSerializable(typeof(PilotAsked))]
[JsonSerializable(typeof(PilotDecided))]
[JsonSerializable(typeof(ProviderBackoff))]
[JsonSerializable(typeof(ProviderRecovered))]
[JsonSerializable(typeof(RateLimitWait))]
[JsonSerializable(typeof(RateLimitWaited))]
internal sealed partial class EventJson : JsonSerializerContext;
