using System.Text.Json.Nodes;
using Otto.Config;

namespace Otto.Agents;

/// <summary>
/// Claude Code in print mode: `claude -p PROMPT --output-format stream-json --verbose --permission-mode
/// MODE --session-id UUID [--model M] [--max-turns N] [args...]`. otto picks the session id up front, so
/// it is known (and recorded) before the agent prints anything.
/// </summary>
public sealed class ClaudeProvider : IAgentProvider
{
    public const string DefaultPermissionMode = "acceptEdits";

    /// <summary>A turn cap even when none is configured: an agent in a loop must not run up a bill until the
    /// attempt timeout. Generous, because a real task takes dozens of turns.</summary>
    public const int DefaultMaxTurns = 100;

    public string Name => "claude";

    public AgentLaunch Prepare(AgentRequest request)
    {
        var sessionId = Guid.NewGuid().ToString();
        var argv = Argv(CliAgentSettings.For(Name, request), PromptArgument.For(request), sessionId);
        return new AgentLaunch(argv, request.OttoEnvironment(), sessionId);
    }

    public static IReadOnlyList<string> Argv(CliAgentSettings settings, string prompt, string sessionId)
    {
        var argv = new List<string>
        {
            settings.Binary, "-p", prompt,
            "--output-format", "stream-json", "--verbose",
            "--permission-mode", settings.PermissionMode ?? DefaultPermissionMode,
            "--session-id", sessionId,
        };
        if (settings.Model is { } model) argv.AddRange(["--model", model]);
        argv.AddRange(["--max-turns", (settings.MaxTurns ?? DefaultMaxTurns).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        argv.AddRange(settings.Args);
        return argv;
    }

    public AgentReport Read(AgentRequest request, AgentExit exit)
    {
        var summary = AgentStream.Summarize(request.Files.Stdout, ClaudeStreamParser.Parse);
        if (summary.SessionId is null && LaunchedSessionId(request.Files) is { } launched) summary = summary with { SessionId = launched };
        return Judge(summary, exit, AgentStream.Tail(request.Files.Stderr), CliAgentSettings.For(Name, request), request.Config.Prices);
    }

    /// <summary>Decides the report from the stream, the exit and stderr; pure.</summary>
    public static AgentReport Judge(StreamSummary summary, AgentExit exit, string stderr, CliAgentSettings settings, IReadOnlyDictionary<string, PriceConfig> prices)
    {
        var model = summary.Model ?? settings.Model;
        var cost = summary.Final?.CostUsd ?? PriceTable.Cost(prices, summary, model);
        var (failureClass, error) = Outcome(summary, exit, stderr, settings);
        return CliFailure.Report(summary, model, cost, failureClass, error);
    }

    private static (string? Class, string? Error) Outcome(StreamSummary summary, AgentExit exit, string stderr, CliAgentSettings settings)
    {
        if (exit.KilledBy is not null) return CliFailure.Stopped("claude", summary, exit, stderr);
        if (summary.Final is not { } final) return CliFailure.MissingFinal("claude", "result event", summary, exit, stderr);
        if (!final.IsError)
            return exit.ExitCode == 0 ? (null, null) : (FailureClasses.Deterministic, $"claude reported success but exited with code {CliFailure.Code(exit)}" + Said(stderr));
        switch (final.Outcome)
        {
            case "error_max_turns":
                var cap = settings.MaxTurns is { } n ? $" (--max-turns {n}, from providers.claude.max_turns)" : $" (--max-turns {DefaultMaxTurns}, the default; raise providers.claude.max_turns)";
                return (FailureClasses.Budget, $"claude reached its turn limit{cap} after {summary.Turns?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} turns without finishing");
            case "error_max_budget_usd":
                return (FailureClasses.Budget, "claude reached its spending cap (--max-budget-usd) without finishing" + Said(final.Text));
            case "error_max_structured_output_retries":
                return (FailureClasses.Contract, "claude could not produce output in the required structure" + Said(final.Text));
        }
        var detail = final.Text ?? (stderr.Length > 0 ? stderr : null);
        var errorType = summary.LastErrorType;
        if (errorType == "billing_error")
            return (FailureClasses.Auth, $"claude's account cannot pay for its requests (billing_error){Said(detail)}\nTo fix it, add credits or check the plan of the account claude uses, then run again.");
        var failureClass = ClassOf(errorType) ?? FailureClassifier.Classify(final.HttpStatus, final.Text, stderr);
        return (failureClass, CliFailure.Describe("claude", failureClass, Headline(final.Outcome, errorType), detail, final.HttpStatus));
    }

    /// <summary>
    /// The class the `error` of Claude's failed-request message decides (its SDK's list: authentication_failed,
    /// oauth_org_not_allowed, billing_error, rate_limit, overloaded, invalid_request, model_not_found,
    /// server_error, unknown, max_output_tokens), or null to decide from the words.
    /// </summary>
    public static string? ClassOf(string? errorType) => errorType switch
    {
        "authentication_failed" or "oauth_org_not_allowed" or "billing_error" => FailureClasses.Auth,
        "rate_limit" or "overloaded" or "server_error" => FailureClasses.Transient,
        "model_not_found" => FailureClasses.Environment,
        _ => null,
    };

    /// <summary>
    /// Claude ends a failed API request with a result whose subtype is `success` and is_error true:
    /// that is a failed request, not "failed (success)". Other subtypes (error_during_execution) say themselves.
    /// </summary>
    private static string Headline(string? outcome, string? errorType)
    {
        var kind = errorType is { Length: > 0 } && errorType != "unknown" ? $" ({errorType})" : "";
        return outcome is "success" or null ? $"claude's API request failed{kind}" : $"claude failed ({outcome}){kind}";
    }

    private static string Said(string? text) => string.IsNullOrWhiteSpace(text) ? "" : ": " + text.Trim();

    /// <summary>The session id otto chose at launch, for a stream that died before saying it.</summary>
    private static string? LaunchedSessionId(AttemptFiles files)
    {
        try
        {
            return File.Exists(files.Invocation) ? (string?)JsonNode.Parse(File.ReadAllText(files.Invocation))?["session_id"] : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
