using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otto.Events;

/// <summary>
/// The wire names of otto's closed sets, in one place: every enum's name on disk (events, state.json,
/// final.json, `otto status --json`) is the snake_case of its member name (`WaitingForHuman` is
/// `waiting_for_human`). A name this version does not know reads as the enum's default member, which each
/// enum chooses to be the safe reading (an unknown failure kind is `internal`).
/// </summary>
public static class Wire
{
    public static string Name<T>(this T value) where T : struct, Enum => Names<T>.Ordered[Unsafe.As<T, int>(ref value)];

    public static T Parse<T>(string? name) where T : struct, Enum => TryParse<T>(name, out var value) ? value : default;

    /// <summary>For otto's own files (state.json): an unknown name means the file is not what otto wrote.</summary>
    public static T ParseStrict<T>(string? name) where T : struct, Enum =>
        TryParse<T>(name, out var value) ? value : throw new FormatException($"unknown {typeof(T).Name} '{name}'");

    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        var names = Names<T>.Ordered;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                value = Unsafe.As<int, T>(ref i);
                return true;
            }
        }
        value = default;
        return false;
    }

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Names<T>.Ordered;

    /// <summary>Names by ordinal. Arrays, not dictionaries over the enum: `otto status` JITs every
    /// value-type generic it touches, and these few lines are all the wire names cost it.</summary>
    private static class Names<T> where T : struct, Enum
    {
        public static readonly string[] Ordered = Build();

        private static string[] Build()
        {
            var values = Enum.GetValues<T>();
            var names = new string[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i];
                if (Unsafe.As<T, int>(ref value) != i) throw new InvalidOperationException($"{typeof(T).Name} must number its members 0, 1, 2...");
                names[i] = JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
            }
            return names;
        }
    }
}

/// <summary>Reads and writes an enum by its <see cref="Wire"/> name.</summary>
public sealed class WireEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Wire.Parse<T>(reader.GetString()) : default;

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
}
