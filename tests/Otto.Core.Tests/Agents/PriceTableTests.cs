using Otto.Agents;
using Otto.Config;
using Otto.Runs;

namespace Otto.Tests.Agents;

public sealed class PriceTableTests
{
    private static readonly Dictionary<string, PriceConfig> Prices = new()
    {
        ["gpt-5"] = new() { InputPerMtok = 1.25m, OutputPerMtok = 10m, CachedInputPerMtok = 0.125m },
        ["no-cache-price"] = new() { InputPerMtok = 2m, OutputPerMtok = 8m },
    };

    [Fact]
    public void Cached_input_is_billed_at_the_cached_price() =>
        Assert.Equal(0.01m + 0.000125m + 0.01m, PriceTable.Cost(Prices, "gpt-5", new TokenCounts(9_000, 1_000, 1_000)));

    [Fact]
    public void Without_a_cached_price_cached_input_costs_the_input_price() =>
        Assert.Equal(0.002m + 0.008m, PriceTable.Cost(Prices, "no-cache-price", new TokenCounts(1_000, 1_000, 500)));

    [Fact]
    public void Model_names_match_ignoring_case() =>
        Assert.NotNull(PriceTable.Cost(Prices, "GPT-5", new TokenCounts(1, 1, 0)));

    [Theory]
    [InlineData(null)]
    [InlineData("gpt-5-mini")]
    public void An_unknown_model_has_no_cost(string? model) =>
        Assert.Null(PriceTable.Cost(Prices, model, new TokenCounts(1_000, 1_000, 0)));

    [Fact]
    public void Unknown_tokens_have_no_cost() => Assert.Null(PriceTable.Cost(Prices, "gpt-5", (TokenCounts?)null));
}
