using System.Globalization;

namespace Otto.Agents;

/// <summary>
/// The words of a CLI agent's failure, as they travel to result.json, the event log and final.json:
/// what happened, the CLI's own message, and for credentials how to log in.
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

    /// <summary>One sentence for the failure: an auth failure always names the fix.</summary>
    public static string Describe(string provider, string failureClass, string headline, string? detail, int? httpStatus = null)
    {
        var status = httpStatus is { } s ? string.Create(CultureInfo.InvariantCulture, $" (API status {s})") : "";
        var said = string.IsNullOrWhiteSpace(detail) ? "" : ": " + detail.Trim();
        return failureClass == FailureClasses.Auth
            ? $"{provider} could not authenticate{status}{said}\nTo fix it, {LoginHint(provider)}."
            : $"{headline}{status}{said}";
    }

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
}
