using System.Globalization;
using System.Text.RegularExpressions;

namespace Otto.Agents;

/// <summary>A rate limit an agent ran into: the line its CLI printed, and the wait it asked for when it named one.</summary>
public sealed record RateLimitHit(string Reason, TimeSpan? RetryAfter);

/// <summary>
/// Tells a rate limit apart from other transient failures, from what the CLIs print: HTTP 429 and 529,
/// Claude's `rate_limit` and `overloaded` errors, "Too Many Requests" (codex: "exceeded retry limit, last
/// status: 429 Too Many Requests"), Gemini's RESOURCE_EXHAUSTED. A usage limit that needs a human (a plan's
/// quota, "You've hit your limit · resets 3pm", Gemini's "exhausted your daily quota") is not one: it keeps
/// its class, because waiting minutes does not lift it. Pure.
/// </summary>
public static partial class RateLimitSignal
{
    [GeneratedRegex(@"\b(429|529)\b|rate[ _-]?limit|too many requests|overloaded|resource[ _]?exhausted", RegexOptions.IgnoreCase)]
    private static partial Regex Words();

    /// <summary>Limits of an account or plan: they reset in hours, or when someone pays.</summary>
    [GeneratedRegex(@"usage[ _]limit|hit your limit|daily quota|per ?day|out of credits|credit balance", RegexOptions.IgnoreCase)]
    private static partial Regex AccountLimit();

    /// <summary>The wait a CLI passes on from its API: "Please try again in 20s" (OpenAI, which codex parses
    /// the same way), "Please retry in 41.2s" and "Suggested retry after 60s." (Gemini CLI), "retryDelay": "41s".</summary>
    [GeneratedRegex(@"(?:try again|retry) (?:in|after) (\d+(?:\.\d+)?) ?(ms|s|secs?|seconds?|m|mins?|minutes?)\b|""retryDelay"": ?""(\d+(?:\.\d+)?)s""", RegexOptions.IgnoreCase)]
    private static partial Regex RetryAfterWords();

    /// <summary>The rate limit a transient failure was, or null when it was something else.</summary>
    public static RateLimitHit? Of(AgentReport report)
    {
        if (report.FailureClass != FailureClasses.Transient || report.Error is not { Length: > 0 } text) return null;
        if (AccountLimit().IsMatch(text)) return null;
        var said = report.ApiStatus is 429 or 529 || report.FinalErrorType is "rate_limit" or "overloaded" || Words().IsMatch(text);
        return said ? new RateLimitHit(Reason(text), RetryAfter(text)) : null;
    }

    /// <summary>The wait the words ask for, or null when they name none.</summary>
    public static TimeSpan? RetryAfter(string text)
    {
        var match = RetryAfterWords().Match(text);
        if (!match.Success) return null;
        if (match.Groups[3].Success) return TimeSpan.FromSeconds(double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value.ToLowerInvariant() switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            var unit when unit.StartsWith('m') => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    /// <summary>The first line that names the limit, in the CLI's own words (what follows otto's "(transient): "
    /// headline), short enough for `otto status`.</summary>
    private static string Reason(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => Words().IsMatch(l)) ?? text.Split('\n')[0].Trim();
        const string Said = "(transient): ";
        var at = line.IndexOf(Said, StringComparison.Ordinal);
        if (at >= 0 && at + Said.Length < line.Length) line = line[(at + Said.Length)..];
        return line.Length <= 300 ? line : line[..297] + "...";
    }
}
