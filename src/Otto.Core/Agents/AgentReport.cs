using Otto.Runs;

namespace Otto.Agents;

/// <summary>
/// What a provider read from an agent's output stream: session, turns, tokens, cost (null when unknown,
/// never invented), whether the final event arrived, and the failure class when it did not succeed.
/// </summary>
public sealed record AgentReport(
    string? SessionId,
    string? Model,
    int? Turns,
    TokenCounts? Tokens,
    decimal? CostUsd,
    bool Completed,
    string? FailureClass,
    string? Error)
{
    /// <summary>The CLI's own word on how it ended (Claude's result subtype, Codex's turn.completed or
    /// turn.failed, Gemini's result status); null without a final event.</summary>
    public string? FinalOutcome { get; init; }

    /// <summary>The final event's error type and HTTP status (Claude's api_error_status), when it gave them.</summary>
    public string? FinalErrorType { get; init; }

    public int? ApiStatus { get; init; }

    /// <summary>How many tools the agent called.</summary>
    public int? ToolCalls { get; init; }

    public static AgentReport Plain(bool completed, string? failureClass, string? error) =>
        new(null, null, null, null, null, completed, failureClass, error);
}

/// <summary>Why an agent failed, which decides what otto does next.</summary>
public static class FailureClasses
{
    /// <summary>Rate limit, 5xx, overload, network: retried with backoff; not a fix attempt.</summary>
    public const string Transient = "transient";

    /// <summary>Missing or expired credentials, or an account that cannot pay: the run stops at once.</summary>
    public const string Auth = "auth";

    /// <summary>The CLI cannot run here as configured (its settings, its sandbox, a folder it does not
    /// trust, a model it does not know): no retry or fix attempt can help, so the run stops at once.</summary>
    public const string Environment = "environment";

    /// <summary>The agent hit its turn or budget cap.</summary>
    public const string Budget = "budget";

    /// <summary>The agent broke the file contract.</summary>
    public const string Contract = "contract";

    /// <summary>Anything else: trying again the same way would fail the same way.</summary>
    public const string Deterministic = "deterministic";
}
