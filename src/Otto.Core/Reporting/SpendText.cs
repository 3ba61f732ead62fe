using System.Globalization;
using Otto.Report;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// Cost, tokens and time the way `otto status`, `otto runs`, the live view and final.json show them. A cost
/// (or token count) nobody reported is unknown, never $0.00: the sums add what was reported and say when a
/// part is missing — "$1.20 + unknown" in text; in JSON the known sum (null when nothing was reported) and
/// `cost_known` / `tokens_known` false.
/// </summary>
public static class SpendText
{
    public const string Unknown = "unknown";

    /// <summary>"$1.20", "unknown" (nothing reported), or "$1.20 + unknown" (some parts were not).</summary>
    public static string Cost(decimal known, int unknownParts) => (known, unknownParts) switch
    {
        (0m, > 0) => Unknown,
        (_, > 0) => Units.Money(known) + " + " + Unknown,
        _ => Units.Money(known),
    };

    /// <summary>"1,200 in / 300 out" (with "(250 cached)" when some were), "unknown", or "... + unknown".</summary>
    public static string Tokens(TokenCounts known, int unknownParts)
    {
        if (known.Total == 0 && known.Cached == 0 && unknownParts > 0) return Unknown;
        var text = $"{Units.Count(known.Input)} in / {Units.Count(known.Output)} out" +
            (known.Cached > 0 ? $" ({Units.Count(known.Cached)} cached)" : "");
        return unknownParts > 0 ? text + " + " + Unknown : text;
    }

    /// <summary>A short form for table columns: "1,500 tok", "? tok", "1,500+? tok".</summary>
    public static string TokensShort(TokenCounts known, int unknownParts)
    {
        if (known.Total == 0 && unknownParts > 0) return "? tok";
        return Units.Count(known.Total) + (unknownParts > 0 ? "+?" : "") + " tok";
    }

    /// <summary>The JSON value of a cost sum: what was reported, or null when nothing was.</summary>
    public static decimal? KnownCost(decimal known, int unknownParts) => known == 0m && unknownParts > 0 ? null : known;

    /// <summary>How long a run has taken: to its end, or until now while it goes on.</summary>
    public static double RunSeconds(RunState state, DateTimeOffset now) => RunSeconds(state.CreatedAt, state.FinishedAt, now);

    /// <summary>How long the run took (ended) or has taken so far; 0 when its start is unknown.</summary>
    public static double RunSeconds(DateTimeOffset createdAt, DateTimeOffset? finishedAt, DateTimeOffset now)
    {
        if (createdAt == default) return 0;
        var end = finishedAt ?? now;
        return Math.Round(Math.Max(0, (end - createdAt).TotalSeconds), 3);
    }

    public static string Duration(double seconds) => Units.Seconds(seconds);

    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
