using Otto.Config;
using Otto.Runs;

namespace Otto.Agents;

/// <summary>
/// Cost from otto.yaml's `prices` (USD per million tokens, by model name), for CLIs that do not report
/// cost themselves. Unknown model, unknown price or unknown tokens: null, never a guess.
/// </summary>
public static class PriceTable
{
    private const decimal Million = 1_000_000m;

    public static PriceConfig? Find(IReadOnlyDictionary<string, PriceConfig> prices, string? model)
    {
        if (model is null) return null;
        if (prices.TryGetValue(model, out var exact)) return exact;
        return prices.FirstOrDefault(p => string.Equals(p.Key, model, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>Cached input tokens are part of input; they are billed at the cached price (default: the input price).</summary>
    public static decimal? Cost(IReadOnlyDictionary<string, PriceConfig> prices, string? model, TokenCounts? tokens)
    {
        if (tokens is null || Find(prices, model) is not { } price) return null;
        var cached = Math.Clamp(tokens.Cached, 0, Math.Max(0, tokens.Input));
        return ((tokens.Input - cached) * price.InputPerMtok
            + cached * (price.CachedInputPerMtok ?? price.InputPerMtok)
            + tokens.Output * price.OutputPerMtok) / Million;
    }

    /// <summary>
    /// Each model priced on its own tokens; null when any model that used tokens has no price. A model
    /// that used none costs nothing whatever its price (Gemini CLI lists its routing model, often with
    /// zero tokens, beside the model that did the work).
    /// </summary>
    public static decimal? Cost(IReadOnlyDictionary<string, PriceConfig> prices, IReadOnlyDictionary<string, TokenCounts> perModel)
    {
        decimal total = 0;
        foreach (var (model, tokens) in perModel)
        {
            if (tokens is { Input: 0, Output: 0, Cached: 0 }) continue;
            if (Cost(prices, model, tokens) is not { } cost) return null;
            total += cost;
        }
        return total;
    }

    /// <summary>The stream's cost: per model when the CLI broke tokens down, else all tokens at the one model's price.</summary>
    public static decimal? Cost(IReadOnlyDictionary<string, PriceConfig> prices, StreamSummary summary, string? model) =>
        summary.ModelTokens is { Count: > 0 } perModel ? Cost(prices, perModel) : Cost(prices, model, summary.Tokens);
}
