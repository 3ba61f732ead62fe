using System.Text.Json.Nodes;
using Otto.Contracts;

namespace Otto.Agents;

/// <summary>
/// What a `command` agent says it spent: the `usage` object of its status file,
/// `{ "cost_usd": 0.12, "input_tokens": 1200, "output_tokens": 300, "cached_tokens": 0 }` (contracts.md).
/// A command agent has no stream otto could read costs from, so this is the only way its cost becomes
/// known. Each field is optional; a field missing or not a non-negative number stays unknown (null), never
/// 0. A malformed status file is reported by <see cref="StatusIngestor"/>; here it only means "unknown".
/// </summary>
public static class StatusUsage
{
    /// <returns>The reported cost and tokens (tokens when either input or output tokens were given).</returns>
    public static (decimal? CostUsd, TokenCounts? Tokens) Read(string worktree)
    {
        var canonical = Path.Combine(worktree, StatusIngestor.Canonical);
        var path = File.Exists(canonical) ? canonical
            : StatusIngestor.HasFallbackStatus(worktree, fallbackIsProjectFile: false) ? Path.Combine(worktree, StatusIngestor.Fallback)
            : null;
        if (path is null) return (null, null);
        var (json, _) = ContractFile.Read(path, Path.GetFileName(path));
        return Parse(json?["usage"]);
    }

    public static (decimal? CostUsd, TokenCounts? Tokens) Parse(JsonNode? usage)
    {
        if (usage is not JsonObject fields) return (null, null);
        var cost = Number(fields["cost_usd"]);
        var input = Number(fields["input_tokens"]);
        var output = Number(fields["output_tokens"]);
        var cached = Number(fields["cached_tokens"]);
        var tokens = input is null && output is null
            ? null
            : new TokenCounts((long)(input ?? 0), (long)(output ?? 0), (long)(cached ?? 0));
        return (cost, tokens);
    }

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<decimal>(out var number) && number >= 0 ? number : null;
}
