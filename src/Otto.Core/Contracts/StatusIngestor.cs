using System.Text.Json.Nodes;

namespace Otto.Contracts;

/// <summary>
/// Reads the status contract of a finished attempt: `.ai/status.json` is canonical, `status.json` at the
/// worktree root is the fallback (unless the project itself tracks such a file), `status` is an alias of
/// `outcome`, and values are case-insensitive. Never throws: every problem becomes <see cref="StatusReport.Error"/>.
/// </summary>
public static class StatusIngestor
{
    public const string Canonical = ".ai/status.json";
    public const string Fallback = "status.json";

    /// <param name="fallbackIsProjectFile">True when the base commit tracks a root status.json of its own.</param>
    public static StatusReport Ingest(string worktree, bool fallbackIsProjectFile)
    {
        var canonical = Path.Combine(worktree, Canonical);
        if (File.Exists(canonical)) return Read(canonical, Canonical);
        if (HasFallbackStatus(worktree, fallbackIsProjectFile)) return Read(Path.Combine(worktree, Fallback), Fallback);
        return StatusReport.Problem(null, $"no status file: the agent wrote neither {Canonical} nor {Fallback}");
    }

    /// <summary>True when the worktree's root status.json is a status contract rather than a project file: it
    /// is then never committed, whichever status file was read.</summary>
    public static bool HasFallbackStatus(string worktree, bool fallbackIsProjectFile)
    {
        var fallback = Path.Combine(worktree, Fallback);
        return !fallbackIsProjectFile && File.Exists(fallback) && LooksLikeStatus(fallback);
    }

    /// <summary>A root status.json belongs to otto's contract when it is a JSON object with outcome or status.</summary>
    public static bool LooksLikeStatus(string path)
    {
        var (json, _) = ContractFile.Read(path, Fallback);
        return json is not null && (json.ContainsKey("outcome") || json.ContainsKey("status"));
    }

    public static StatusReport Read(string path, string source)
    {
        var (json, error) = ContractFile.Read(path, source);
        if (json is null) return StatusReport.Problem(source, error!);
        Normalize(json);
        var errors = SchemaValidator.Validate("status", json.ToJsonString());
        if (errors.Count > 0) return StatusReport.Problem(source, $"{source}: {string.Join("; ", errors)}");

        var outcome = (string)json["outcome"]!;
        var report = new StatusReport(
            source,
            outcome,
            (string?)json["summary"],
            NonEmpty((string?)json["failure_reason"]),
            NonEmpty((string?)json["failure_signature"]),
            NonEmpty((string?)json["question"]),
            Strings(json["learnings"]),
            Strings(json["files_changed"]),
            null);
        var (amendments, amendmentError) = AmendmentRequest.Parse(json["amendments"], source);
        report = report with { Amendments = amendments };
        if (amendmentError is not null) return report with { Error = amendmentError };
        if (outcome is Outcomes.Fail or Outcomes.Retry && report.FailureReason is null)
            return report with { Error = $"{source}: `failure_reason` is required when outcome is {outcome}" };
        if (outcome == Outcomes.NeedsHuman && report.Question is null)
            return report with { Error = $"{source}: `question` is required when outcome is needs_human" };
        return report;
    }

    /// <summary>`status` -> `outcome`; outcome values lower-cased ("Success" and "SUCCESS" are success).</summary>
    private static void Normalize(JsonObject json)
    {
        if (!json.ContainsKey("outcome") && json["status"] is { } alias)
        {
            json.Remove("status");
            json["outcome"] = alias;
        }
        if (json["outcome"] is JsonValue value && value.TryGetValue<string>(out var text))
            json["outcome"] = text.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => (string?)n ?? "").ToList() : [];
}
