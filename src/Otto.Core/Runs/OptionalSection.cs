using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Otto.Runs;

/// <summary>
/// A part of state.json that most runs never have (recovery, rate limits), serialized by its own source-
/// generated context and written only when not empty: a run without it pays nothing for it on `otto status`.
/// The type info is asked for only when the section is there: creating it (the context's metadata for every
/// type it knows, generic over value types the framework did not precompile) is most of `otto status`'s
/// JIT work otherwise, about 500 methods.
/// </summary>
public static class OptionalSection
{
    public static void Write<T>(Utf8JsonWriter w, string name, T value, bool isEmpty, Func<JsonTypeInfo<T>> info)
    {
        if (isEmpty) return;
        w.WritePropertyName(name);
        JsonSerializer.Serialize(w, value, info());
    }

    public static T Read<T>(JsonElement run, string name, Func<JsonTypeInfo<T>> info, T empty) =>
        run.TryGetProperty(name, out var section)
            ? section.Deserialize(info()) ?? throw new FormatException($"state.json: {name} is null")
            : empty;
}
