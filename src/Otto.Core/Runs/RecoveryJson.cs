using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otto.Runs;

/// <summary>
/// state.json's `recovery` object (<see cref="RecoveryState"/>), written only when a run has any: a run that
/// never met a failure boundary pays nothing for it on `otto status`.
/// </summary>
public static class RecoveryJson
{
    public static void Write(Utf8JsonWriter w, RecoveryState recovery)
    {
        if (recovery.IsEmpty) return;
        w.WritePropertyName("recovery");
        JsonSerializer.Serialize(w, recovery, RecoveryJsonContext.Default.RecoveryState);
    }

    public static RecoveryState Read(JsonElement run) =>
        run.TryGetProperty("recovery", out var recovery)
            ? recovery.Deserialize(RecoveryJsonContext.Default.RecoveryState) ?? throw new FormatException("state.json: recovery is null")
            : RecoveryState.Empty;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [
        typeof(WireEnumConverter<FailureKind>), typeof(WireEnumConverter<TaskPhase>), typeof(WireEnumConverter<PilotAction>),
        typeof(WireEnumConverter<PilotBoundary>), typeof(WireEnumConverter<DecidedBy>),
    ])]
[JsonSerializable(typeof(RecoveryState))]
internal sealed partial class RecoveryJsonContext : JsonSerializerContext;
