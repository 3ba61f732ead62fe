using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otto.Runs;

/// <summary>
/// state.json's `rate_limits` object (<see cref="RateLimitState"/>), written only when a run has any: a run
/// that never met a rate limit pays nothing for it on `otto status`.
/// </summary>
public static class RateLimitJson
{
    public static void Write(Utf8JsonWriter w, RateLimitState limits)
    {
        if (limits.IsEmpty) return;
        w.WritePropertyName("rate_limits");
        JsonSerializer.Serialize(w, limits, RateLimitJsonContext.Default.RateLimitState);
    }

    public static RateLimitState Read(JsonElement run) =>
        run.TryGetProperty("rate_limits", out var limits)
            ? limits.Deserialize(RateLimitJsonContext.Default.RateLimitState) ?? throw new FormatException("state.json: rate_limits is null")
            : RateLimitState.Empty;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RateLimitState))]
internal sealed partial class RateLimitJsonContext : JsonSerializerContext;
