using System.Text.RegularExpressions;

namespace Otto.Agents;

/// <summary>
/// Sorts an agent failure into a <see cref="FailureClasses"/> value from what the CLI said: an HTTP
/// status when it gives one, else the words of its error. Credentials come first (retrying cannot fix
/// them), then caps (turns, budget, usage limits), then what is worth retrying (rate limits, 5xx,
/// overload, an unreachable network, a dropped stream). Anything else is deterministic. The
/// `environment` class comes from what a CLI states outright: its exit codes and error types, and its
/// refusal of an option or of the folder.
/// </summary>
public static partial class FailureClassifier
{
    [GeneratedRegex(@"\b(401|403)\b|unauthori[sz]ed|invalid[ _-]?(x-)?api[ _-]?key|api[ _-]?key (is )?(not valid|invalid|missing)|api_key_invalid|authentication[ _]?(error|failed|required)|not (logged|signed) in|please run /login|log ?in again|(oauth|access|refresh)?[ _]?token (has )?expired|expired (token|credentials)|credentials? (are |were )?(missing|invalid|expired|not found)|no credentials|permission_denied", RegexOptions.IgnoreCase)]
    private static partial Regex Auth();

    [GeneratedRegex(@"max(imum)?[ _-]?(session[ _-]?)?turns|turn limit|error_max_budget|budget (exceeded|limit)|usage limit|usage_limit_reached", RegexOptions.IgnoreCase)]
    private static partial Regex Budget();

    [GeneratedRegex(@"\b(408|425|429|500|502|503|504|529)\b|rate[ _-]?limit|too many requests|overloaded|resource[ _]?exhausted|quota|temporarily unavailable|service unavailable|internal server error|bad gateway|gateway time-?out|timed? ?out|\bEPIPE\b|stream (disconnected|closed|ended|error)|disconnected before completion|reconnecting", RegexOptions.IgnoreCase)]
    private static partial Regex Transient();

    /// <summary>
    /// The API could not be reached at all: the codes Claude Code treats as "network down"
    /// (ECONNREFUSED, ConnectionRefused, ENOTFOUND, ENETUNREACH, ENETDOWN, EHOSTUNREACH, EHOSTDOWN,
    /// EAI_AGAIN, FailedToOpenSocket), codex's "waiting for network" and failed DNS lookups, Node's
    /// "fetch failed" (Gemini CLI), a request that got no HTTP response.
    /// </summary>
    [GeneratedRegex(@"\bE(CONNREFUSED|CONNRESET|NOTFOUND|NETUNREACH|NETDOWN|HOSTUNREACH|HOSTDOWN|AI_AGAIN|TIMEDOUT)\b|\b(ConnectionRefused|FailedToOpenSocket|ConnectionClosed)\b|unable to connect to (the )?api|can't reach the api server|check your internet|waiting for network|failed to lookup address|name does not resolve|name or service not known|temporary failure in name resolution|could not resolve host|getaddrinfo|network (error|is unreachable|unreachable)|connection (refused|error|failed|reset|closed|lost)|error sending request|fetch failed|socket hang up|no HTTP response", RegexOptions.IgnoreCase)]
    private static partial Regex Network();

    /// <summary>Whether the words say the CLI could not reach its API over the network.</summary>
    public static bool IsNetwork(string? text) => !string.IsNullOrWhiteSpace(text) && Network().IsMatch(text);

    /// <summary>The CLI refused its own command line or its folder: an option it does not know (outdated, or
    /// a bad `providers.X.args`), or codex outside a git repository it trusts.</summary>
    [GeneratedRegex(@"unexpected argument|unknown option|unknown argument|not inside a trusted directory|not running in a trusted directory", RegexOptions.IgnoreCase)]
    private static partial Regex Environment();

    /// <summary>The class an HTTP status alone decides, or null when it decides nothing.</summary>
    public static string? FromStatus(int? status) => status switch
    {
        401 or 403 => FailureClasses.Auth,
        408 or 425 or 429 or 529 => FailureClasses.Transient,
        >= 500 and <= 599 => FailureClasses.Transient,
        _ => null,
    };

    /// <summary>The class the words of an error decide, or null when they look like none of them.</summary>
    public static string? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Auth().IsMatch(text)) return FailureClasses.Auth;
        if (Environment().IsMatch(text)) return FailureClasses.Environment;
        if (Budget().IsMatch(text)) return FailureClasses.Budget;
        if (Network().IsMatch(text) || Transient().IsMatch(text)) return FailureClasses.Transient;
        return null;
    }

    /// <summary>Status first, then each text in turn; deterministic when nothing matches.</summary>
    public static string Classify(int? status, params string?[] texts) =>
        FromStatus(status) ?? texts.Select(FromText).FirstOrDefault(c => c is not null) ?? FailureClasses.Deterministic;
}
