using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Otto.Runs;

/// <summary>
/// Reads what <see cref="StateJsonWriter"/> wrote. The tasks, most of the file, are read in one forward
/// pass (<see cref="StateTaskReader"/>); the rest of the run through a JsonDocument (precompiled in the
/// framework), so `otto status` starts fast. Anything unexpected makes the cache unusable (null): the log
/// is folded instead.
/// </summary>
public static class StateJsonReader
{
    public static RunState? TryRead(string json) => TryRead(System.Text.Encoding.UTF8.GetBytes(json));

    public static RunState? TryRead(byte[] json)
    {
        try
        {
            var (start, end) = TasksRange(json);
            // The run without its tasks: the same bytes with the tasks array emptied.
            var run = new byte[json.Length - (end - start) + 2];
            json.AsSpan(0, start).CopyTo(run);
            run[start] = (byte)'[';
            run[start + 1] = (byte)']';
            json.AsSpan(end).CopyTo(run.AsSpan(start + 2));
            using var document = JsonDocument.Parse(run);
            return Run(document.RootElement, StateTaskReader.ReadAll(json.AsSpan(start, end - start)));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>Where the top-level `tasks` array's bytes begin and end. The writer puts it last, so its end
    /// is found without reading it (reading it twice would double the cost of a status). Elsewhere it is
    /// skipped over, unless the document ends with another array: then the slice is not one array, the
    /// task reader refuses it, and the log is folded instead.</summary>
    private static (int Start, int End) TasksRange(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) throw new FormatException("state.json is not an object");
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var isTasks = r.ValueTextEquals("tasks"u8);
            if (!r.Read()) break;
            var start = (int)r.TokenStartIndex;
            if (isTasks && r.TokenType == JsonTokenType.StartArray && LastArrayEnd(json) is var end && end > start) return (start, end);
            r.Skip();
            if (isTasks) return (start, (int)r.BytesConsumed);
        }
        throw new FormatException("state.json has no tasks");
    }

    /// <summary>Just past the `]` before the document's closing brace, or -1 (StateTaskReader then checks
    /// that the array really ends there).</summary>
    private static int LastArrayEnd(ReadOnlySpan<byte> json)
    {
        var i = json.TrimEnd(" \t\r\n"u8).Length - 1;
        if (i < 1 || json[i] != (byte)'}') return -1;
        var before = json[..i].TrimEnd(" \t\r\n"u8);
        return before.Length > 0 && before[^1] == (byte)']' ? before.Length : -1;
    }

    private static RunState Run(JsonElement e, ImmutableList<TaskState> tasks)
    {
        // Loops, not LINQ over JsonElement: each generic instantiation over a struct is JIT work on every start.
        var contracts = ImmutableList.CreateBuilder<PlannedContract>();
        if (e.TryGetProperty("contracts", out var contractList)) foreach (var contract in contractList.EnumerateArray()) contracts.Add(new PlannedContract(Str(contract, "path") ?? "", Str(contract, "owner") ?? ""));
        var amendments = ImmutableList.CreateBuilder<Amendment>();
        if (e.TryGetProperty("amendments", out var amendmentList)) foreach (var amendment in amendmentList.EnumerateArray()) amendments.Add(Amendment(amendment));
        var state = new RunState
        {
            RunId = Str(e, "run_id")!,
            Intent = Str(e, "intent") ?? "",
            CreatedAt = Time(e, "created_at") ?? default,
            BaseBranch = Str(e, "base_branch") ?? "",
            BaseSha = Str(e, "base_sha") ?? "",
            IntegrationBranch = Str(e, "integration_branch") ?? "",
            PlanOnly = e.GetProperty("plan_only").GetBoolean(),
            Status = Wire.ParseStrict<RunStatus>(Str(e, "status")),
            Stage = Wire.ParseStrict<Stage>(Str(e, "stage")),
            ActiveStage = Obj(e, "active_stage") is { } a ? new StageProgress(Wire.ParseStrict<Stage>(Str(a, "stage")), a.GetProperty("attempt").GetInt32()) : null,
            LastStageFailure = Failure(e, "last_stage_failure"),
            ClassifyAttempts = e.GetProperty("classify_attempts").GetInt32(),
            Classification = Obj(e, "classification") is { } c
                ? new Classification(Str(c, "kind")!, Str(c, "size")!, c.GetProperty("single_task").GetBoolean(), Str(c, "rationale"))
                : null,
            PlanAttempts = e.GetProperty("plan_attempts").GetInt32(),
            PlanVersion = e.GetProperty("plan_version").GetInt32(),
            PlanErrors = Strings(e, "plan_errors"),
            SharedFiles = Strings(e, "shared_files"),
            Contracts = contracts.ToImmutable(),
            Amendments = amendments.ToImmutable(),
            Tasks = tasks,
            IntegrationHead = Str(e, "integration_head"),
            IntegrationVerifyAttempts = e.GetProperty("integration_verify_attempts").GetInt32(),
            IntegrationVerified = e.TryGetProperty("integration_verified", out var verified) ? verified.GetBoolean() : null,
            Baseline = Obj(e, "baseline") is { } b
                ? new BaselineState(b.GetProperty("attempt").GetInt32(), b.GetProperty("finished").GetBoolean(), b.GetProperty("passed").GetBoolean(), Failure(b, "failure"), b.GetProperty("cached").GetBoolean())
                : null,
            IntegrationFailure = Failure(e, "integration_failure"),
            CostUsd = e.GetProperty("cost_usd").GetDecimal(),
            UnknownCosts = e.GetProperty("unknown_costs").GetInt32(),
            Tokens = Tokens(e),
            UnknownTokens = e.GetProperty("unknown_tokens").GetInt32(),
            Warnings = e.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array
                ? [.. warnings.EnumerateArray().Select(w => new IntegrityWarning(Str(w, "what") ?? "", Str(w, "detail") ?? "", w.TryGetProperty("offset", out var at) ? at.GetInt64() : null,
                    w.TryGetProperty("stops", out var stops) && stops.GetBoolean()))]
                : [],
            Outcome = Obj(e, "outcome") is { } o ? new RunOutcome(Wire.ParseStrict<RunStatus>(Str(o, "status")), Failure(o, "cause")) : null,
            FinishedAt = Time(e, "finished_at"),
            Recovery = OptionalSection.Read(e, "recovery", () => RecoveryJsonContext.Default.RecoveryState, RecoveryState.Empty),
            RateLimits = OptionalSection.Read(e, "rate_limits", () => RateLimitJsonContext.Default.RateLimitState, RateLimitState.Empty),
            Seq = e.GetProperty("seq").GetInt64(),
            Offset = e.GetProperty("offset").GetInt64(),
        };
        return PostMergeStateJson.ReadRun(e, state);
    }

    internal static AgentProcessInfo Agent(JsonElement a) =>
        new(a.GetProperty("pid").GetInt32(), a.GetProperty("start_time").GetInt64(), Time(a, "started_at") ?? default);

    internal static ConflictInfo Conflict(JsonElement p) => new(Strings(p, "paths"), Str(p, "integration_sha") ?? "");

    internal static LimitHit Limit(JsonElement l) => new(Str(l, "name") ?? "", Str(l, "value") ?? "");

    internal static ImmutableList<VariantResult> Variants(JsonElement array)
    {
        var list = ImmutableList.CreateBuilder<VariantResult>();
        foreach (var v in array.EnumerateArray())
        {
            list.Add(new VariantResult(v.GetProperty("attempt").GetInt32(), v.GetProperty("variant").GetInt32(), Str(v, "provider") ?? "",
                Str(v, "commit"), v.GetProperty("verified").GetBoolean(), Failure(v, "failure"), Str(v, "question"), Str(v, "summary")));
        }
        return list.ToImmutable();
    }

    private static Amendment Amendment(JsonElement a) =>
        new(a.GetProperty("id").GetInt32(), Str(a, "requester") ?? "", a.GetProperty("requester_attempt").GetInt32(), Str(a, "path") ?? "",
            Str(a, "change") ?? "", Str(a, "reason"), Str(a, "owner"), Str(a, "problem"))
        {
            Status = Wire.ParseStrict<AmendmentStatus>(Str(a, "status")),
            DeliveredIn = a.TryGetProperty("delivered_in", out var delivered) ? delivered.GetInt32() : null,
            Commit = Str(a, "commit"),
            Refusal = Str(a, "refusal"),
            Limit = Obj(a, "limit") is { } l ? Limit(l) : null,
        };

    internal static Claim Claim(JsonElement c)
    {
        var o = c.GetProperty("owner");
        var owner = new Owner(Str(o, "host") ?? "", o.GetProperty("pid").GetInt32(), o.GetProperty("start_time").GetInt64(), Str(o, "token") ?? "");
        return new Claim(c.GetProperty("attempt").GetInt32(), owner, Wire.ParseStrict<AttemptKind>(Str(c, "kind")), Time(c, "claimed_at") ?? default);
    }

    internal static FailureInfo? Failure(JsonElement parent, string name)
    {
        if (Obj(parent, name) is not { } f) return null;
        var limit = Obj(f, "limit") is { } l ? Limit(l) : null;
        return new FailureInfo(Wire.ParseStrict<FailureKind>(Str(f, "kind")), Str(f, "reason"), Str(f, "signature"), limit, Str(f, "task"), f.GetProperty("fatal").GetBoolean(), Str(f, "command"));
    }

    private static TokenCounts Tokens(JsonElement parent)
    {
        var t = parent.GetProperty("tokens");
        return new TokenCounts(t.GetProperty("input").GetInt64(), t.GetProperty("output").GetInt64(), t.GetProperty("cached").GetInt64());
    }


    private static JsonElement? Obj(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Str(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement parent, string name) =>
        Str(parent, name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    private static ImmutableList<string> Strings(JsonElement parent, string name)
    {
        var values = ImmutableList.CreateBuilder<string>();
        foreach (var value in parent.GetProperty(name).EnumerateArray()) values.Add(value.GetString() ?? "");
        return values.ToImmutable();
    }
}
