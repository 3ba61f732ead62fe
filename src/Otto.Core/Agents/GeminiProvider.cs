using Otto.Config;

namespace Otto.Agents;

/// <summary>
/// Gemini CLI, headless: `gemini -p PROMPT --output-format stream-json --approval-mode MODE [-m M]
/// [args...]`. Its documented exit codes count as much as its stream: 41 authentication, 42 bad
/// input, 44 sandbox, 52 configuration, 53 turn limit, 54 a fatal tool error.
/// </summary>
public sealed class GeminiProvider : IAgentProvider
{
    public const string DefaultApprovalMode = "auto_edit";
    public const int AuthExitCode = 41;
    public const int TurnLimitExitCode = 53;

    public string Name => "gemini";

    public AgentLaunch Prepare(AgentRequest request) =>
        new(Argv(CliAgentSettings.For(Name, request), PromptArgument.For(request)), request.OttoEnvironment());

    public static IReadOnlyList<string> Argv(CliAgentSettings settings, string prompt)
    {
        var argv = new List<string>
        {
            settings.Binary, "-p", prompt,
            "--output-format", "stream-json",
            "--approval-mode", settings.PermissionMode ?? DefaultApprovalMode,
        };
        if (settings.Model is { } model) argv.AddRange(["-m", model]);
        argv.AddRange(settings.Args);
        return argv;
    }

    public AgentReport Read(AgentRequest request, AgentExit exit) =>
        Judge(AgentStream.Summarize(request.Files.Stdout, GeminiStreamParser.Parse), exit, AgentStream.Tail(request.Files.Stderr),
            CliAgentSettings.For(Name, request), request.Config.Prices);

    /// <summary>Decides the report from the stream, the exit code and stderr; pure. Cost comes from `prices`.</summary>
    public static AgentReport Judge(StreamSummary summary, AgentExit exit, string stderr, CliAgentSettings settings, IReadOnlyDictionary<string, PriceConfig> prices)
    {
        var model = summary.Model ?? settings.Model;
        var cost = PriceTable.Cost(prices, summary, model);
        var (failureClass, error) = Outcome(summary, exit, stderr);
        return CliFailure.Report(summary, model, cost, failureClass, error);
    }

    private static (string? Class, string? Error) Outcome(StreamSummary summary, AgentExit exit, string stderr)
    {
        if (exit.KilledBy is not null) return (null, null);
        var final = summary.Final;
        if (final is { IsError: false })
        {
            return exit.ExitCode == 0
                ? (null, null)
                : (FailureClasses.Deterministic, $"gemini reported success but exited with code {CliFailure.Code(exit)}" + (stderr.Length > 0 ? ": " + stderr : ""));
        }
        var detail = final?.Text ?? summary.LastError ?? (stderr.Length > 0 ? stderr : null);
        switch (exit.ExitCode)
        {
            case TurnLimitExitCode:
                return (FailureClasses.Budget, CliFailure.Describe("gemini", FailureClasses.Budget,
                    "gemini reached its session turn limit (exit code 53; raise model.maxSessionTurns in its settings.json)", detail));
            case AuthExitCode:
                return (FailureClasses.Auth, CliFailure.Describe("gemini", FailureClasses.Auth, "", detail));
        }
        if (final is null) return CliFailure.MissingFinal("gemini", "result event", summary, exit, stderr);
        var failureClass = final.ErrorType switch
        {
            "FatalAuthenticationError" => FailureClasses.Auth,
            "FatalTurnLimitedError" or "MaxSessionTurnsError" => FailureClasses.Budget,
            _ => FailureClassifier.Classify(null, final.Text, summary.LastError, stderr),
        };
        var kind = final.ErrorType is { } type ? $"{final.Outcome}, {type}" : final.Outcome;
        return (failureClass, CliFailure.Describe("gemini", failureClass, $"gemini failed ({kind}, exit code {CliFailure.Code(exit)})", detail));
    }
}
