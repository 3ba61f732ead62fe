using System.Text.Json.Serialization;

namespace Otto.Runs;

/// <summary>How state.json's `recovery` section is (de)serialized (see <see cref="OptionalSection"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [
        typeof(WireEnumConverter<FailureKind>), typeof(WireEnumConverter<TaskPhase>), typeof(WireEnumConverter<PilotAction>),
        typeof(WireEnumConverter<PilotBoundary>), typeof(WireEnumConverter<DecidedBy>),
    ])]
[JsonSerializable(typeof(RecoveryState))]
internal sealed partial class RecoveryJsonContext : JsonSerializerContext;
