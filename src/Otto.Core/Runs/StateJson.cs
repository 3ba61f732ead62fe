using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otto.Runs;

/// <summary>Source-generated JSON for otto's own files: fast to start, no reflection on the hot path of `otto status`.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(RunState))]
internal sealed partial class StateJson : JsonSerializerContext
{
    public static string Serialize(RunState state) => JsonSerializer.Serialize(state, Default.RunState);

    public static RunState? TryDeserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Default.RunState);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
