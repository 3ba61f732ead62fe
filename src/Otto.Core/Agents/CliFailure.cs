using System.Globalization;

namespace Otto.Agents;

/// <summary>
/// The words of a CLI agent's failure, as they travel to result.json, the event log and final.json:
/// what happened, its class when it decides what otto does next (transient, environment), the CLI's
/// own message, and for credentials how to log in.
/// </summary>
public static class CliFailure
{
    public static string LoginHint(string provider) => provider switch
    {
        "claude" => "run `claude` once to log in, or set ANTHROPIC_API_KEY",
        "codex" => "run `codex login` once, or set CODEX_API_KEY",
        "gemini" => "run `gemini` once to sign in, or set GEMINI_API_KEY",
        _ => $"log in to {provider}",
    };

    /// <summary>What an `environment` failure asks of the user: it is the CLI's setup, not the task.</summary>
    public const string EnvironmentHint = "this is the CLI's own setup, not the task: fix what its message names (a settings file, the sandbox, the model), check it with `otto doctor`, then run again";

    /// <summary>
    /// One sentence for the failure: an auth or environment failure always names the fix; a network
    /// failure says so whatever the headline; a transient one says it is transient.
    /// </summary>
    public static string Describe(string provider, string failureClass, string headline, string? detail, int? httpStatus = null)
    {
        var status = httpStatus is { } s ? string.Create(CultureInfo.InvariantCulture, $" (API status {s})") : "";
        var said = string.IsNullOrWhiteSpace(detail) ? "" : ": " + detail.Trim();
        return failureClass switch
        {
            FailureClasses.Auth => $"{provider} could not authenticate{status}{said}\nTo fix it, {LoginHint(provider)}.",
            FailureClasses.Environment => $"{headline}{status} (environment){said}\nTo fix it, {EnvironmentHint}.",
            FailureClasses.Transient when FailureClassifier.IsNetwork(detail) => $"{Unreachable(provider)}{status} (transient){said}",
            FailureClasses.Transient => $"{headline}{status} (transient){said}",
            _ => $"{headline}{status}{said}",
        };
    }

    public static string Unreachable(string provider) => $"{provider} could not reach its API: the network is unreachable";

    /// <summary>The exit code for a sentence; "unknown" when the wrapper could not record one.</summary>
    public static string Code(AgentExit exit) => exit.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    /// <summary>The report's common part: what the stream said, with the failure (if any) and the cost.</summary>
    public static AgentReport Report(StreamSummary summary, string? model, decimal? cost, string? failureClass, string? error) =>
        new(summary.SessionId, summary.Model ?? model, summary.Turns, summary.Tokens, cost, summary.Final is not null, failureClass, error)
        {
            FinalOutcome = summary.Final?.Outcome,
            FinalErrorType = summary.Final?.ErrorType,
            ApiStatus = summary.Final?.HttpStatus,
            ToolCalls = summary.ToolCalls,
        };

    /// <summary>
    /// A stream without its final event: the CLI crashed, was cut off, or failed before it started
    /// streaming (bad credentials, unknown flag). The last error or stderr says which.
    /// </summary>
    public static (string Class, string Error) MissingFinal(string provider, string finalName, StreamSummary summary, AgentExit exit, string stderr)
    {
        var cls = FailureClassifier.Classify(null, summary.LastError, stderr);
        var detail = summary.LastError ?? (stderr.Length > 0 ? stderr : null);
        return (cls, Describe(provider, cls, $"{provider} ended without its {finalName} (exit code {Code(exit)})", detail));
    }

    /// <summary>
    /// An agent otto stopped (a network outage, a stall, the attempt timeout): the cause is what it was
    /// stuck on, the last error or retry it reported since its last progress (from its stream, else the
    /// telling line of stderr). A network failure or another transient one keeps its class, so otto's own
    /// retries take over; anything else is only named, and the limit decides. Nothing said: nothing added.
    /// </summary>
    public static (string? Class, string? Error) Stopped(string provider, StreamSummary summary, AgentExit exit, string stderr)
    {
        if (exit.KilledBy is AgentExit.Canceled or AgentExit.Vanished or AgentExit.ExitLost) return (null, null);
        var trouble = summary.Trouble?.Text ?? TroubleLine(stderr, line => FailureClassifier.FromText(line) is not null);
        if (trouble is null) return (null, null);
        var cls = FailureClassifier.Classify(summary.Trouble?.HttpStatus, trouble);
        var stopped = exit.KilledBy == AgentExit.NetworkOutage
            ? "; otto stopped it: no progress while it could not connect (network_outage)"
            : "";
        return cls is FailureClasses.Transient or FailureClasses.Auth
            ? (cls, Describe(provider, cls, $"{provider} was stuck retrying", trouble) + stopped)
            : (null, $"the last error {provider} reported: {trouble.Trim()}");
    }

    /// <summary>The last line of a log that says what went wrong (stack frames skipped), or null.</summary>
    public static string? TroubleLine(string text, Func<string, bool> tells) =>
        text.Split('\n')
            .Select(line => line.Trim())
            .LastOrDefault(line => line.Length > 0 && !line.StartsWith("at ", StringComparison.Ordinal) && tells(line));
}
