using System.Text.Json.Serialization;

namespace Otto.Runs;

/// <summary>How state.json's `rate_limits` section is (de)serialized (see <see cref="OptionalSection"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RateLimitState))]
internal sealed partial class RateLimitJsonContext : JsonSerializerContext;
