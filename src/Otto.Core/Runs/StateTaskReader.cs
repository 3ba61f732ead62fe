using System.Collections.Immutable;
using System.Text.Json;

namespace Otto.Runs;

/// <summary>
/// Reads state.json's `tasks` array in one forward pass with Utf8JsonReader: `otto status` on a big run
/// spends most of its time here (200 tasks of some 30 fields each), and a JsonDocument would both build an
/// index of every token and search each task's properties by name for every field. Objects that are rare
/// (a claim, an agent, a conflict, variants, a fix round) are read through a small JsonElement with the
/// helpers of <see cref="StateJsonReader"/>. An unknown field or a wrong type throws (the cache is then
/// unusable and the log is folded instead).
/// </summary>
internal static class StateTaskReader
{
    /// <summary>What the writer always writes for a task: one missing means another writer (an older otto, a
    /// hand edit), and the cache is not used rather than read with defaults.</summary>
    private static readonly string[] Required =
    [
        "id", "title", "description", "role", "depends_on", "owned_paths", "acceptance", "branch", "order", "phase", "attempts",
        "step", "transient_retries", "head_commit", "merged_commit", "integration_commit", "signature_counts", "questions",
        "question", "answer", "summary", "session_id", "cost_usd", "unknown_costs", "tokens", "unknown_tokens", "agent_s",
    ];

    public static ImmutableList<TaskState> ReadAll(ReadOnlySpan<byte> array)
    {
        var r = new Utf8JsonReader(array);
        Expect(ref r, JsonTokenType.StartArray);
        var tasks = ImmutableList.CreateBuilder<TaskState>();
        while (Next(ref r) != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) throw new FormatException("state.json: a task is not an object");
            tasks.Add(Task(ref r));
        }
        if (r.Read()) throw new FormatException("state.json: something follows the tasks");
        return tasks.ToImmutable();
    }

    private static TaskState Task(ref Utf8JsonReader r)
    {
        var t = new TaskState();
        var counts = ImmutableDictionary<string, int>.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var name = r.GetString()!;
            seen.Add(name);
            Next(ref r);
            switch (name)
            {
                case "id": t = t with { Id = Str(ref r) ?? "" }; break;
                case "title": t = t with { Title = Str(ref r) ?? "" }; break;
                case "description": t = t with { Description = Str(ref r) ?? "" }; break;
                case "role": t = t with { Role = Wire.ParseStrict<TaskRole>(Str(ref r)) }; break;
                case "depends_on": t = t with { DependsOn = Strings(ref r) }; break;
                case "owned_paths": t = t with { OwnedPaths = Strings(ref r) }; break;
                case "acceptance": t = t with { Acceptance = Strings(ref r) }; break;
                case "branch": t = t with { Branch = Str(ref r) ?? "" }; break;
                case "order": t = t with { Order = r.GetInt32() }; break;
                case "best_of": t = t with { BestOf = r.GetInt32() }; break;
                case "added": t = t with { Added = r.GetBoolean() }; break;
                case "round": t = t with { Round = PostMergeStateJson.ReadRound(Element(ref r)) }; break;
                case "phase": t = t with { Phase = Wire.ParseStrict<TaskPhase>(Str(ref r)) }; break;
                case "attempts": t = t with { Attempts = r.GetInt32() }; break;
                case "uncounted_attempts": t = t with { UncountedAttempts = r.GetInt32() }; break;
                case "amendment_round": t = t with { AmendmentRound = r.GetBoolean() }; break;
                case "start_on_top_of": t = t with { StartOnTopOf = Str(ref r) }; break;
                case "claim": t = t with { Claim = StateJsonReader.Claim(Element(ref r)) }; break;
                case "step": t = t with { Step = Wire.ParseStrict<AttemptStep>(Str(ref r)) }; break;
                case "agent": t = t with { Agent = StateJsonReader.Agent(Element(ref r)) }; break;
                case "transient_retries": t = t with { TransientRetries = r.GetInt32() }; break;
                case "head_commit": t = t with { HeadCommit = Str(ref r) }; break;
                case "merged_commit": t = t with { MergedCommit = Str(ref r) }; break;
                case "integration_commit": t = t with { IntegrationCommit = Str(ref r) }; break;
                case "last_failure": t = t with { LastFailure = Failure(ref r) }; break;
                case "signature_counts": counts = Counts(ref r); break;
                case "pending_conflict": t = t with { PendingConflict = StateJsonReader.Conflict(Element(ref r)) }; break;
                case "questions": t = t with { Questions = r.GetInt32() }; break;
                case "question": t = t with { Question = Str(ref r) }; break;
                case "answer": t = t with { Answer = Str(ref r) }; break;
                case "summary": t = t with { Summary = Str(ref r) }; break;
                case "session_id": t = t with { SessionId = Str(ref r) }; break;
                case "cost_usd": t = t with { CostUsd = r.GetDecimal() }; break;
                case "unknown_costs": t = t with { UnknownCosts = r.GetInt32() }; break;
                case "tokens": t = t with { Tokens = Tokens(ref r) }; break;
                case "variants": t = t with { Variants = StateJsonReader.Variants(Element(ref r)) }; break;
                case "unknown_tokens": t = t with { UnknownTokens = r.GetInt32() }; break;
                case "agent_s": t = t with { AgentSeconds = r.GetDouble() }; break;
                default: throw new FormatException($"state.json: unknown task field {name}");
            }
        }
        if (t.Id.Length == 0) throw new FormatException("state.json: a task without an id");
        foreach (var field in Required)
        {
            if (!seen.Contains(field)) throw new FormatException($"state.json: task {t.Id} has no {field}");
        }
        return t with { SignatureCounts = counts };
    }

    /// <summary>last_failure, the one nested object most tasks have, read without a JsonDocument.</summary>
    private static FailureInfo? Failure(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartObject) throw new FormatException("state.json: last_failure is not an object");
        string? kind = null, reason = null, signature = null, task = null, command = null;
        LimitHit? limit = null;
        bool? fatal = null;
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var name = r.GetString();
            Next(ref r);
            switch (name)
            {
                case "kind": kind = Str(ref r); break;
                case "reason": reason = Str(ref r); break;
                case "signature": signature = Str(ref r); break;
                case "limit": limit = StateJsonReader.Limit(Element(ref r)); break;
                case "task": task = Str(ref r); break;
                case "fatal": fatal = r.GetBoolean(); break;
                case "command": command = Str(ref r); break;
                default: throw new FormatException($"state.json: unknown failure field {name}");
            }
        }
        return new FailureInfo(Wire.ParseStrict<FailureKind>(kind), reason, signature, limit, task,
            fatal ?? throw new FormatException("state.json: a failure without fatal"), command);
    }

    private static ImmutableDictionary<string, int> Counts(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) throw new FormatException("state.json: signature_counts is not an object");
        var counts = ImmutableDictionary.CreateBuilder<string, int>();
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var signature = r.GetString()!;
            Next(ref r);
            counts[signature] = r.GetInt32();
        }
        return counts.ToImmutable();
    }

    private static TokenCounts Tokens(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) throw new FormatException("state.json: tokens is not an object");
        long input = 0, output = 0, cached = 0;
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var name = r.GetString();
            Next(ref r);
            switch (name)
            {
                case "input": input = r.GetInt64(); break;
                case "output": output = r.GetInt64(); break;
                case "cached": cached = r.GetInt64(); break;
                default: throw new FormatException($"state.json: unknown tokens field {name}");
            }
        }
        return new TokenCounts(input, output, cached);
    }

    private static ImmutableList<string> Strings(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray) throw new FormatException("state.json: expected a list of strings");
        var values = ImmutableList.CreateBuilder<string>();
        while (Next(ref r) != JsonTokenType.EndArray) values.Add(r.GetString() ?? "");
        return values.ToImmutable();
    }

    /// <summary>A string or null; anything else is a malformed cache.</summary>
    private static string? Str(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String => r.GetString(),
        JsonTokenType.Null => null,
        _ => throw new FormatException("state.json: expected a string"),
    };

    /// <summary>A rare nested value, as a JsonElement for the element-based readers (it owns its memory).</summary>
    private static JsonElement Element(ref Utf8JsonReader r) => JsonElement.ParseValue(ref r);

    private static JsonTokenType Next(ref Utf8JsonReader r) =>
        r.Read() ? r.TokenType : throw new FormatException("state.json ends early");

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (Next(ref r) != type) throw new FormatException($"state.json: expected {type}");
    }
}
