using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Otto.Runs;

/// <summary>
/// A part of state.json that most runs never have (recovery, rate limits), serialized by its own source-
/// generated context and written only when not empty: a run without it pays nothing for it on `otto status`.
/// </summary>
public static class OptionalSection
{
    public static void Write<T>(Utf8JsonWriter w, string name, T value, bool isEmpty, JsonTypeInfo<T> info)
    {
        if (isEmpty) return;
        w.WritePropertyName(name);
        JsonSerializer.Serialize(w, value, info);
    }

    public static T Read<T>(JsonElement run, string name, JsonTypeInfo<T> info, T empty) =>
        run.TryGetProperty(name, out var section)
            ? section.Deserialize(info) ?? throw new FormatException($"state.json: {name} is null")
            : empty;
}
