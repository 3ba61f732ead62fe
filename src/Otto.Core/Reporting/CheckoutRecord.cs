using System.Buffers;
using System.Text.Json;

namespace Otto.Reporting;

/// <summary>
/// checkout.json's content (before <see cref="Runs.FileSeal"/> marks it): `checkout` (the path), `start` and,
/// once the run ended, `end` (each a <see cref="CheckoutSnapshot"/>: `head`, `branch`, `files`) and `changed`;
/// or `altered` for what a record otto cannot vouch for reads as. Read with Utf8JsonReader and written with
/// Utf8JsonWriter, both precompiled in the framework: `otto status` reads it on every call while a run goes on.
/// </summary>
public sealed record CheckoutRecord(string? Checkout, CheckoutSnapshot? Start, CheckoutSnapshot? End, IReadOnlyList<string>? Changed, bool Altered = false)
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>The record in <paramref name="json"/>; a JsonException when it is not one.</summary>
    public static CheckoutRecord Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return ParseObject(json);
        }
        catch (InvalidOperationException e) // a value of another type than the field's (GetString on a number, say)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static CheckoutRecord ParseObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        string? checkout = null;
        CheckoutSnapshot? start = null, end = null;
        List<string>? changed = null;
        var altered = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Next(ref reader);
            switch (name)
            {
                case "checkout": checkout = reader.GetString(); break;
                case "start": start = Snapshot(ref reader); break;
                case "end": end = Snapshot(ref reader); break;
                case "changed": changed = Strings(ref reader); break;
                case "altered": altered = reader.TokenType == JsonTokenType.True; break;
                default: reader.Skip(); break;
            }
        }
        return new CheckoutRecord(checkout, start, end, changed, altered);
    }

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            if (Altered) w.WriteBoolean("altered", true);
            if (Checkout is not null) w.WriteString("checkout", Checkout);
            if (Start is not null) Write(w, "start", Start);
            if (End is not null) Write(w, "end", End);
            if (Changed is not null)
            {
                w.WriteStartArray("changed");
                foreach (var path in Changed) w.WriteStringValue(path);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    private static void Write(Utf8JsonWriter w, string name, CheckoutSnapshot snapshot)
    {
        w.WriteStartObject(name);
        w.WriteString("head", snapshot.Head);
        w.WriteString("branch", snapshot.Branch);
        w.WriteStartObject("files");
        foreach (var (path, value) in snapshot.Files.OrderBy(f => f.Key, StringComparer.Ordinal)) w.WriteString(path, value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A snapshot object; the reader is on its StartObject and ends on its EndObject.</summary>
    private static CheckoutSnapshot Snapshot(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, advance: false);
        string? head = null, branch = null;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Next(ref reader);
            switch (name)
            {
                case "head": head = reader.GetString(); break;
                case "branch": branch = reader.GetString(); break;
                case "files":
                    Expect(ref reader, JsonTokenType.StartObject, advance: false);
                    while (Next(ref reader) == JsonTokenType.PropertyName)
                    {
                        var path = reader.GetString()!;
                        Next(ref reader);
                        files[path] = reader.GetString() ?? throw new JsonException($"files.{path} is not a string");
                    }
                    break;
                default: reader.Skip(); break;
            }
        }
        return new CheckoutSnapshot(head, branch, files);
    }

    private static List<string> Strings(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, advance: false);
        var strings = new List<string>();
        while (Next(ref reader) != JsonTokenType.EndArray) strings.Add(reader.GetString() ?? throw new JsonException("changed holds a null"));
        return strings;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("checkout.json ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, bool advance = true)
    {
        if (advance) Next(ref reader);
        if (reader.TokenType != type) throw new JsonException($"expected {type}, found {reader.TokenType}");
    }
}
