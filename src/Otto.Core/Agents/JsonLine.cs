using System.Globalization;
using System.Text.Json;

namespace Otto.Agents;

/// <summary>
/// Small, forgiving accessors over one JSON line of an agent's stream: a field that is missing or of
/// another type reads as null, so a CLI that adds or reshapes fields never breaks the parser.
/// </summary>
internal static class JsonLine
{
    /// <summary>The line's top-level object, or null when it is not a JSON object (CLIs print other lines too).</summary>
    public static JsonDocument? TryParse(string line)
    {
        var trimmed = line.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{') return null;
        try
        {
            var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            doc.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonElement? Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? Str(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static long? Long(this JsonElement e, string name) => e.Get(name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var v) => v,
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) => (long)d,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    public static int? Int(this JsonElement e, string name) => e.Long(name) is { } v && v is >= int.MinValue and <= int.MaxValue ? (int)v : null;

    public static decimal? Decimal(this JsonElement e, string name) => e.Get(name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDecimal(out var v) => v,
        _ => null,
    };

    public static bool Bool(this JsonElement e, string name) => e.Get(name) is { ValueKind: JsonValueKind.True };

    public static JsonElement? Obj(this JsonElement e, string name) => e.Get(name) is { ValueKind: JsonValueKind.Object } o ? o : null;

    public static IEnumerable<JsonElement> Array(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    /// <summary>A tool input or output as one short line: strings as they are, anything else as compact JSON.</summary>
    public static string Brief(JsonElement? e, int max = 160)
    {
        if (e is not { } value) return "";
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        return OneLine(text, max);
    }

    /// <summary>The telling part of a tool's input (the file, the command, the pattern), else all of it.</summary>
    public static string ToolInput(JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Object } o) return Brief(input);
        foreach (var key in (string[])["command", "file_path", "absolute_path", "path", "pattern", "url", "query", "description"])
        {
            if (o.Str(key) is { Length: > 0 } value) return OneLine(value);
        }
        return Brief(o);
    }

    public static string OneLine(string text, int max = 160)
    {
        var line = string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
