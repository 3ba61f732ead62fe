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
        WriteMap(w, "files", snapshot.Files);
        if (snapshot.GitRules is { } rules) WriteMap(w, "git_rules", rules);
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(f => f.Key, StringComparer.Ordinal)) w.WriteString(key, value);
        w.WriteEndObject();
    }

    /// <summary>A snapshot object; the reader is on its StartObject and ends on its EndObject.</summary>
    private static CheckoutSnapshot Snapshot(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, advance: false);
        string? head = null, branch = null;
        Dictionary<string, string> files = [];
        Dictionary<string, string>? rules = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Next(ref reader);
            switch (name)
            {
                case "head": head = reader.GetString(); break;
                case "branch": branch = reader.GetString(); break;
                case "files": files = Map(ref reader, name); break;
                case "git_rules": rules = Map(ref reader, name); break;
                default: reader.Skip(); break;
            }
        }
        return new CheckoutSnapshot(head, branch, files) { GitRules = rules };
    }

    /// <summary>An object of strings; the reader is on its StartObject and ends on its EndObject.</summary>
    private static Dictionary<string, string> Map(ref Utf8JsonReader reader, string? name)
    {
        Expect(ref reader, JsonTokenType.StartObject, advance: false);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            Next(ref reader);
            map[key] = reader.GetString() ?? throw new JsonException($"{name}.{key} is not a string");
        }
        return map;
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
