using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Otto.Events;

/// <summary>
/// The data of the events every attempt writes (nine lines in ten of a long log), read by hand: the
/// source-generated serializer spends ~2/3 of a line's parse building these small records through its
/// metadata. Only the form otto writes is read here — known snake_case names, once each, the expected
/// token types, required fields present; anything else (an unknown or escaped name, a null where a value
/// is required, a duplicate) returns null with the reader untouched, and the serializer decides, so both
/// read every line alike. HotEventReaderTests holds the two to the same records.
/// </summary>
internal static class HotEventReader
{
    /// <summary>The body when its data, at the reader's StartObject, is in otto's own form; the reader then
    /// rests on the data's EndObject, as the serializer leaves it.</summary>
    public static EventBody? TryRead(JsonTypeInfo info, ref Utf8JsonReader reader)
    {
        var copy = reader;
        var type = info.Type;
        EventBody? body =
            type == typeof(AttemptStarted) ? AttemptStarted(ref copy)
            : type == typeof(TaskClaimed) ? TaskClaimed(ref copy)
            : type == typeof(AttemptFinished) ? AttemptFinished(ref copy)
            : type == typeof(StatusIngested) ? StatusIngested(ref copy)
            : type == typeof(ChangesCommitted) ? ChangesCommitted(ref copy)
            : type == typeof(VerifyFinished) ? VerifyFinished(ref copy)
            : type == typeof(AttemptFailed) ? AttemptFailed(ref copy)
            : null;
        if (body is not null) reader = copy;
        return body;
    }

    private static AttemptStarted? AttemptStarted(ref Utf8JsonReader r)
    {
        var (pid, startTime, session, seen) = (0, 0L, (string?)null, 0);
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("pid"u8) && Once(ref seen, 1) && Int(ref r, out pid)) continue;
            if (name.SequenceEqual("start_time"u8) && Once(ref seen, 2) && Long(ref r, out startTime)) continue;
            if (name.SequenceEqual("session_id"u8) && Once(ref seen, 4) && OptionalString(ref r, out session)) continue;
            return null;
        }
        return Ended(r) && (seen & 3) == 3 ? new AttemptStarted(pid, startTime, session) : null;
    }

    private static TaskClaimed? TaskClaimed(ref Utf8JsonReader r)
    {
        var (owner, kind, takeover, seen) = ((Owner?)null, AttemptKind.Execute, false, 0);
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("owner"u8) && Once(ref seen, 1) && (owner = Owner(ref r)) is not null) continue;
            if (name.SequenceEqual("kind"u8) && Once(ref seen, 2) && Enum(ref r, out kind)) continue;
            if (name.SequenceEqual("takeover"u8) && Once(ref seen, 4) && Bool(ref r, out takeover)) continue;
            return null;
        }
        return Ended(r) && seen == 7 ? new TaskClaimed(owner!, kind, takeover) : null;
    }

    private static Owner? Owner(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        var (host, pid, startTime, token, seen) = ((string?)null, 0, 0L, (string?)null, 0);
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("host"u8) && Once(ref seen, 1) && String(ref r, out host)) continue;
            if (name.SequenceEqual("pid"u8) && Once(ref seen, 2) && Int(ref r, out pid)) continue;
            if (name.SequenceEqual("start_time"u8) && Once(ref seen, 4) && Long(ref r, out startTime)) continue;
            if (name.SequenceEqual("token"u8) && Once(ref seen, 8) && String(ref r, out token)) continue;
            return null;
        }
        return Ended(r) && seen == 15 ? new Owner(host!, pid, startTime, token!) : null;
    }

    private static AttemptFinished? AttemptFinished(ref Utf8JsonReader r)
    {
        int? exitCode = null;
        double duration = 0;
        decimal? cost = null;
        TokenCounts? tokens = null;
        string? killedBy = null, session = null, failureClass = null, error = null;
        var seen = 0;
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("exit_code"u8) && Once(ref seen, 1) && OptionalInt(ref r, out exitCode)) continue;
            if (name.SequenceEqual("duration_s"u8) && Once(ref seen, 2) && Double(ref r, out duration)) continue;
            if (name.SequenceEqual("session_id"u8) && Once(ref seen, 4) && OptionalString(ref r, out session)) continue;
            if (name.SequenceEqual("cost_usd"u8) && Once(ref seen, 8) && OptionalDecimal(ref r, out cost)) continue;
            if (name.SequenceEqual("tokens"u8) && Once(ref seen, 16) && OptionalTokens(ref r, out tokens)) continue;
            if (name.SequenceEqual("killed_by"u8) && Once(ref seen, 32) && OptionalString(ref r, out killedBy)) continue;
            if (name.SequenceEqual("failure_class"u8) && Once(ref seen, 64) && OptionalString(ref r, out failureClass)) continue;
            if (name.SequenceEqual("error"u8) && Once(ref seen, 128) && OptionalString(ref r, out error)) continue;
            return null;
        }
        return Ended(r) && (seen & 2) == 2 ? new AttemptFinished(exitCode, killedBy, duration, session, cost, tokens, failureClass, error) : null;
    }

    private static bool OptionalTokens(ref Utf8JsonReader r, out TokenCounts? tokens)
    {
        tokens = null;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartObject) return false;
        var (input, output, cached, seen) = (0L, 0L, 0L, 0);
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("input"u8) && Once(ref seen, 1) && Long(ref r, out input)) continue;
            if (name.SequenceEqual("output"u8) && Once(ref seen, 2) && Long(ref r, out output)) continue;
            if (name.SequenceEqual("cached"u8) && Once(ref seen, 4) && Long(ref r, out cached)) continue;
            if (name.SequenceEqual("total"u8) && Once(ref seen, 8) && Long(ref r, out _)) continue; // derived: not read back
            return false;
        }
        tokens = new TokenCounts(input, output, cached);
        return Ended(r);
    }

    private static StatusIngested? StatusIngested(ref Utf8JsonReader r)
    {
        string? source = null, outcome = null, summary = null, error = null;
        var seen = 0;
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("source"u8) && Once(ref seen, 1) && OptionalString(ref r, out source)) continue;
            if (name.SequenceEqual("outcome"u8) && Once(ref seen, 2) && OptionalString(ref r, out outcome)) continue;
            if (name.SequenceEqual("summary"u8) && Once(ref seen, 4) && OptionalString(ref r, out summary)) continue;
            if (name.SequenceEqual("error"u8) && Once(ref seen, 8) && OptionalString(ref r, out error)) continue;
            return null;
        }
        return Ended(r) ? new StatusIngested(source, outcome, summary, error) : null;
    }

    private static ChangesCommitted? ChangesCommitted(ref Utf8JsonReader r)
    {
        var (commit, @base, changed, seen) = ((string?)null, (string?)null, false, 0);
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("commit"u8) && Once(ref seen, 1) && String(ref r, out commit)) continue;
            if (name.SequenceEqual("base"u8) && Once(ref seen, 2) && String(ref r, out @base)) continue;
            if (name.SequenceEqual("changed"u8) && Once(ref seen, 4) && Bool(ref r, out changed)) continue;
            return null;
        }
        return Ended(r) && seen == 7 ? new ChangesCommitted(commit!, @base!, changed) : null;
    }

    private static VerifyFinished? VerifyFinished(ref Utf8JsonReader r)
    {
        var (passed, timedOut, preExisting) = (false, false, false);
        int? exitCode = null;
        string? command = null, signature = null;
        List<string>? logs = null;
        var seen = 0;
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("passed"u8) && Once(ref seen, 1) && Bool(ref r, out passed)) continue;
            if (name.SequenceEqual("command"u8) && Once(ref seen, 2) && OptionalString(ref r, out command)) continue;
            if (name.SequenceEqual("exit_code"u8) && Once(ref seen, 4) && OptionalInt(ref r, out exitCode)) continue;
            if (name.SequenceEqual("timed_out"u8) && Once(ref seen, 8) && Bool(ref r, out timedOut)) continue;
            if (name.SequenceEqual("signature"u8) && Once(ref seen, 16) && OptionalString(ref r, out signature)) continue;
            if (name.SequenceEqual("logs"u8) && Once(ref seen, 32) && OptionalStrings(ref r, out logs)) continue;
            if (name.SequenceEqual("pre_existing"u8) && Once(ref seen, 64) && Bool(ref r, out preExisting)) continue;
            return null;
        }
        return Ended(r) && (seen & 1) == 1 ? new VerifyFinished(passed, command, exitCode, timedOut, signature, logs, preExisting) : null;
    }

    private static AttemptFailed? AttemptFailed(ref Utf8JsonReader r)
    {
        var (kind, fatal) = (FailureKind.Internal, false);
        string? reason = null, signature = null, task = null, command = null;
        LimitHit? limit = null;
        var seen = 0;
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("kind"u8) && Once(ref seen, 1) && Enum(ref r, out kind)) continue;
            if (name.SequenceEqual("reason"u8) && Once(ref seen, 2) && OptionalString(ref r, out reason)) continue;
            if (name.SequenceEqual("signature"u8) && Once(ref seen, 4) && OptionalString(ref r, out signature)) continue;
            if (name.SequenceEqual("limit"u8) && Once(ref seen, 8) && OptionalLimit(ref r, out limit)) continue;
            if (name.SequenceEqual("task"u8) && Once(ref seen, 16) && OptionalString(ref r, out task)) continue;
            if (name.SequenceEqual("fatal"u8) && Once(ref seen, 32) && Bool(ref r, out fatal)) continue;
            if (name.SequenceEqual("command"u8) && Once(ref seen, 64) && OptionalString(ref r, out command)) continue;
            return null;
        }
        return Ended(r) && (seen & 1) == 1 ? new AttemptFailed(kind, reason, signature, limit, task, fatal, command) : null;
    }

    private static bool OptionalLimit(ref Utf8JsonReader r, out LimitHit? limit)
    {
        limit = null;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartObject) return false;
        var (limitName, value, seen) = ((string?)null, (string?)null, 0);
        while (Next(ref r, out var name))
        {
            if (name.SequenceEqual("name"u8) && Once(ref seen, 1) && String(ref r, out limitName)) continue;
            if (name.SequenceEqual("value"u8) && Once(ref seen, 2) && String(ref r, out value)) continue;
            return false;
        }
        if (!Ended(r) || seen != 3) return false;
        limit = new LimitHit(limitName!, value!);
        return true;
    }

    /// <summary>Moves to the next property's value and gives its name; false at the object's end (or at
    /// anything else, which <see cref="Ended"/> tells apart). An escaped name reads as no name.</summary>
    private static bool Next(ref Utf8JsonReader r, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!r.Read() || r.TokenType != JsonTokenType.PropertyName) return false;
        if (!r.ValueIsEscaped) name = r.ValueSpan;
        return r.Read();
    }

    private static bool Ended(in Utf8JsonReader r) => r.TokenType == JsonTokenType.EndObject;

    /// <summary>Marks a field seen; false the second time (a duplicate is the serializer's to judge).</summary>
    private static bool Once(ref int seen, int bit)
    {
        if ((seen & bit) != 0) return false;
        seen |= bit;
        return true;
    }

    private static bool Int(ref Utf8JsonReader r, out int value)
    {
        value = 0;
        return r.TokenType == JsonTokenType.Number && r.TryGetInt32(out value);
    }

    private static bool Long(ref Utf8JsonReader r, out long value)
    {
        value = 0;
        return r.TokenType == JsonTokenType.Number && r.TryGetInt64(out value);
    }

    private static bool Double(ref Utf8JsonReader r, out double value)
    {
        value = 0;
        return r.TokenType == JsonTokenType.Number && r.TryGetDouble(out value);
    }

    private static bool OptionalInt(ref Utf8JsonReader r, out int? value)
    {
        value = null;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (!Int(ref r, out var number)) return false;
        value = number;
        return true;
    }

    private static bool OptionalDecimal(ref Utf8JsonReader r, out decimal? value)
    {
        value = null;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.Number || !r.TryGetDecimal(out var number)) return false;
        value = number;
        return true;
    }

    private static bool Bool(ref Utf8JsonReader r, out bool value)
    {
        value = r.TokenType == JsonTokenType.True;
        return r.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    private static bool String(ref Utf8JsonReader r, out string? value)
    {
        value = r.TokenType == JsonTokenType.String ? r.GetString() : null;
        return value is not null;
    }

    private static bool OptionalString(ref Utf8JsonReader r, out string? value)
    {
        value = null;
        return r.TokenType == JsonTokenType.Null || String(ref r, out value);
    }

    private static bool OptionalStrings(ref Utf8JsonReader r, out List<string>? values)
    {
        values = null;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.StartArray) return false;
        values = [];
        while (r.Read() && r.TokenType == JsonTokenType.String) values.Add(r.GetString()!);
        return r.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>A closed set's wire name, as WireEnumConverter reads it.</summary>
    private static bool Enum<T>(ref Utf8JsonReader r, out T value) where T : struct, Enum
    {
        value = r.TokenType == JsonTokenType.String ? Wire.Parse<T>(r.GetString()) : default;
        return r.TokenType == JsonTokenType.String;
    }
}
