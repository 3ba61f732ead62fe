using Otto.Reporting;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Reporting;

/// <summary>issue 9 #13: a cost or token count nobody reported is unknown, never $0.00, in the fold and in every view.</summary>
public sealed class SpendTextTests
{
    [Theory]
    [InlineData(0, 0, "$0.00")]
    [InlineData(1.2, 0, "$1.20")]
    [InlineData(0, 2, "unknown")]
    [InlineData(1.2, 1, "$1.20 + unknown")]
    public void A_cost_says_what_part_is_unknown(double known, int unknownParts, string expected) =>
        Assert.Equal(expected, SpendText.Cost((decimal)known, unknownParts));

    [Fact]
    public void Tokens_say_what_part_is_unknown()
    {
        Assert.Equal("1,200 in / 300 out", SpendText.Tokens(new TokenCounts(1200, 300), 0));
        Assert.Equal("1,200 in / 300 out (250 cached) + unknown", SpendText.Tokens(new TokenCounts(1200, 300, 250), 1));
        Assert.Equal("unknown", SpendText.Tokens(new TokenCounts(), 1));
        Assert.Equal("0 in / 0 out", SpendText.Tokens(new TokenCounts(), 0));
        Assert.Equal("1,500+? tok", SpendText.TokensShort(new TokenCounts(1200, 300), 1));
        Assert.Equal("? tok", SpendText.TokensShort(new TokenCounts(), 3));
    }

    [Fact]
    public void The_json_cost_is_the_known_sum_or_null_when_nothing_was_reported()
    {
        Assert.Null(SpendText.KnownCost(0m, 1));
        Assert.Equal(0m, SpendText.KnownCost(0m, 0));
        Assert.Equal(0.5m, SpendText.KnownCost(0.5m, 3));
    }

    [Fact]
    public void The_fold_counts_attempts_and_agent_stages_that_reported_no_cost_apart_from_the_sum()
    {
        var state = new EventStream().Started()
            .Add(new StageFinished(Stage.Classify, 1, Ok: true, AgentRan: true))
            .Add(new StageFinished(Stage.Integrate, 1, Ok: true))
            .Plan("core", "api")
            .Claim("core", 1, "t1").AgentFinished("core", 1, cost: 0.25m, input: 1200, output: 300)
            .Claim("api", 1, "t2").Add(new AttemptFinished(0, null, 2.5, null, null, null, null, null), "api", 1)
            .Fold();

        Assert.Equal(0.25m, state.CostUsd);
        Assert.Equal(2, state.UnknownCosts);
        Assert.Equal(2, state.UnknownTokens);
        Assert.Equal(new TokenCounts(1200, 300), state.Tokens);
        var core = state.Task("core")!;
        var api = state.Task("api")!;
        Assert.Equal((0.25m, 0, 0), (core.CostUsd, core.UnknownCosts, core.UnknownTokens));
        Assert.Equal((0m, 1, 1), (api.CostUsd, api.UnknownCosts, api.UnknownTokens));
        Assert.Equal(1.5, core.AgentSeconds);
        Assert.Equal(2.5, api.AgentSeconds);
        Assert.Equal("$0.25 + unknown", SpendText.Cost(state.CostUsd, state.UnknownCosts));

        var cached = StateJsonReader.TryRead(StateJsonWriter.Write(state));
        Assert.NotNull(cached);
        Assert.Equal((2, 2, 2.5), (cached.UnknownCosts, cached.UnknownTokens, cached.Task("api")!.AgentSeconds));
    }
}
