using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Runs;

/// <summary>One line of events.ndjson. <see cref="Seq"/> is assigned under the run lock: 1, 2, 3... no gaps.</summary>
public sealed record RunEvent(long Seq, DateTimeOffset Ts, string Type, string? Task, int? Attempt, JsonObject? Data)
{
    public string? Str(string key) => Data?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool Bool(string key) => Data?[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public long? Long(string key) => Data?[key] is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    public decimal? Decimal(string key) => Data?[key] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    public JsonObject? Obj(string key) => Data?[key] as JsonObject;

    public IReadOnlyList<string> Strings(string key) =>
        Data?[key] is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "").ToList() : [];

    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", Seq);
            writer.WriteString("ts", Ts.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("type", Type);
            if (Task is not null) writer.WriteString("task", Task);
            if (Attempt is not null) writer.WriteNumber("attempt", Attempt.Value);
            if (Data is not null)
            {
                writer.WritePropertyName("data");
                Data.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses one complete line; returns null for a line that is not a valid event.</summary>
    public static RunEvent? TryParse(ReadOnlySpan<byte> line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject o) return null;
            if (o["seq"] is not JsonValue seq || o["type"] is not JsonValue type || o["ts"] is not JsonValue ts) return null;
            return new RunEvent(
                seq.GetValue<long>(),
                DateTimeOffset.Parse(ts.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                type.GetValue<string>(),
                o["task"]?.GetValue<string>(),
                o["attempt"]?.GetValue<int>(),
                o["data"] is JsonObject data && o.Remove("data") ? data : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>An event not yet written: the log assigns its seq and timestamp.</summary>
public sealed record NewEvent(string Type, string? Task = null, int? Attempt = null, JsonObject? Data = null);
