using System.Text.Json.Nodes;
using Otto.Agents;

namespace Otto.Tests.Agents;

/// <summary>A command agent's `usage` in its status file: what it gives is known, what it leaves out stays unknown.</summary>
public sealed class StatusUsageTests
{
    [Fact]
    public void Usage_gives_cost_and_tokens()
    {
        var (cost, tokens) = StatusUsage.Parse(JsonNode.Parse("""{ "cost_usd": 0.12, "input_tokens": 1200, "output_tokens": 300, "cached_tokens": 50 }"""));
        Assert.Equal(0.12m, cost);
        Assert.Equal(new TokenCounts(1200, 300, 50), tokens);
    }

    [Theory]
    [InlineData("""{ "input_tokens": 10 }""", null, true)]
    [InlineData("""{ "cost_usd": 0.5 }""", 0.5, false)]
    [InlineData("""{ "cost_usd": -1, "output_tokens": "many" }""", null, false)]
    [InlineData("""[1, 2]""", null, false)]
    [InlineData("""null""", null, false)]
    public void What_is_missing_or_malformed_stays_unknown(string usage, double? cost, bool hasTokens)
    {
        var (parsedCost, tokens) = StatusUsage.Parse(JsonNode.Parse(usage));
        Assert.Equal(cost is null ? null : (decimal)cost.Value, parsedCost);
        Assert.Equal(hasTokens, tokens is not null);
    }

    [Fact]
    public void The_status_file_is_read_from_the_worktree_canonical_first()
    {
        using var worktree = new TempDir();
        Assert.Equal((null, null), StatusUsage.Read(worktree.Path));
        worktree.Write("status.json", """{ "outcome": "success", "usage": { "cost_usd": 0.3 } }""");
        Assert.Equal(0.3m, StatusUsage.Read(worktree.Path).CostUsd);
        worktree.Write(".ai/status.json", """{ "outcome": "success", "usage": { "cost_usd": 0.7 } }""");
        Assert.Equal(0.7m, StatusUsage.Read(worktree.Path).CostUsd);
    }
}
