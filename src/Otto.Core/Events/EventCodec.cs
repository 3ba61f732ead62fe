using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Otto.Events;

/// <summary>
/// One events.ndjson line and back: the envelope (`seq`, `ts`, `type`, `task`, `attempt`) by hand with
/// Utf8JsonReader/Writer, the `data` by the type's source-generated serializer.
/// </summary>
public static class EventCodec
{
    /// <summary>Task ids repeat on nearly every line: one string per id, not one per line.</summary>
    private static readonly Utf8Interner TaskIds = new();

    public static string ToJsonLine(RunEvent e) => Encoding.UTF8.GetString(ToUtf8(e));

    public static byte[] ToUtf8(RunEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", e.Seq);
            writer.WriteString("ts", e.Ts.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("type", e.Type);
            if (e.Task is not null) writer.WriteString("task", e.Task);
            if (e.Attempt is not null) writer.WriteNumber("attempt", e.Attempt.Value);
            if (e.Body is UnknownEvent unknown)
            {
                if (unknown.RawData is not null)
                {
                    writer.WritePropertyName("data");
                    writer.WriteRawValue(unknown.RawData);
                }
            }
            else
            {
                writer.WritePropertyName("data");
                JsonSerializer.Serialize(writer, e.Body, EventCatalog.InfoOf(e.Body));
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses one complete line; null for a line that is not a valid event.</summary>
    public static RunEvent? TryParse(ReadOnlySpan<byte> line)
    {
        try
        {
            return Parse(line);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    private static RunEvent? Parse(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        long? seq = null;
        DateTimeOffset? ts = null;
        string? task = null;
        JsonTypeInfo? info = null;
        var hasType = false;
        string? typeName = null;
        int typeStart = -1, typeLength = 0;
        int? attempt = null;
        int dataStart = -1, dataEnd = -1;
        object? read = null; // the data, deserialized straight from the reader when its type came first
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("seq"u8)) seq = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
            else if (name.SequenceEqual("ts"u8)) ts = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var t) ? t : null;
            else if (name.SequenceEqual("type"u8))
            {
                if (reader.TokenType != JsonTokenType.String) return null;
                hasType = true;
                if (reader.ValueIsEscaped)
                {
                    typeName = reader.GetString()!;
                    info = EventCatalog.InfoOf(typeName);
                }
                else
                {
                    info = EventCatalog.InfoOf(reader.ValueSpan);
                    (typeStart, typeLength) = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                }
            }
            else if (name.SequenceEqual("task"u8))
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return null;
                task = reader.TokenType == JsonTokenType.Null ? null : reader.ValueIsEscaped ? reader.GetString() : TaskIds.Get(reader.ValueSpan);
            }
            else if (name.SequenceEqual("attempt"u8))
            {
                if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.Null)) return null;
                attempt = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : null;
            }
            else if (name.SequenceEqual("data"u8))
            {
                if (reader.TokenType != JsonTokenType.StartObject) return null;
                dataStart = (int)reader.TokenStartIndex;
                // otto writes `type` before `data`: then the data is read once, here, not skipped and read again.
                if (info is not null) read = HotEventReader.TryRead(info, ref reader) ?? JsonSerializer.Deserialize(ref reader, info) ?? throw new JsonException("null data");
                else reader.Skip();
                dataEnd = (int)reader.BytesConsumed;
            }
            else reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null; // not one whole object
        if (seq is null || ts is null || !hasType) return null;
        var data = dataStart < 0 ? "{}"u8 : line[dataStart..dataEnd];
        EventBody? body = info is not null
            ? (EventBody?)(read is not null && dataStart >= 0 ? read : JsonSerializer.Deserialize(data, info))
            : new UnknownEvent(typeName ?? Encoding.UTF8.GetString(line.Slice(typeStart, typeLength)), dataStart < 0 ? null : Encoding.UTF8.GetString(data));
        return body is null ? null : new RunEvent(seq.Value, ts.Value, task, attempt, body);
    }
}
