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
        // otto stopped it (stall, timeout, cancel): the judge names the limit; the stream has nothing to add.
        if (exit.KilledBy is not null) return (null, null);
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
        var failureClass = FailureClassifier.Classify(final.HttpStatus, final.Text, stderr);
        var detail = final.Text ?? (stderr.Length > 0 ? stderr : null);
        return (failureClass, CliFailure.Describe("claude", failureClass, $"claude failed ({final.Outcome})", detail, final.HttpStatus));
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
