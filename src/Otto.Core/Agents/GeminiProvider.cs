using Otto.Config;

namespace Otto.Agents;

/// <summary>
/// Gemini CLI, headless: `gemini -p PROMPT --output-format stream-json --approval-mode MODE [-m M]
/// [args...]`, with GEMINI_CLI_TRUST_WORKSPACE=true: since 0.61 folder trust is on by default, and in a
/// folder it does not trust (every fresh worktree) headless gemini overrides the approval mode and exits
/// 55. Its fatal exit codes (<see cref="GeminiExitCodes"/>) count as much as its stream.
/// </summary>
public sealed class GeminiProvider : IAgentProvider
{
    public const string DefaultApprovalMode = "auto_edit";

    /// <summary>Gemini CLI's own switch for trusting the workspace (what its --skip-trust flag sets), which
    /// older versions simply ignore.</summary>
    public const string TrustVariable = "GEMINI_CLI_TRUST_WORKSPACE";

    public string Name => "gemini";

    public AgentLaunch Prepare(AgentRequest request) =>
        new(Argv(CliAgentSettings.For(Name, request), PromptArgument.For(request)), LaunchEnvironment(request));

    /// <summary>otto's environment, and the worktree trusted: otto made it, from the user's own repository.</summary>
    public static IReadOnlyDictionary<string, string?> LaunchEnvironment(AgentRequest request) =>
        new Dictionary<string, string?>(request.OttoEnvironment()) { [TrustVariable] = "true" };

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
        if (exit.KilledBy is not null) return CliFailure.Stopped("gemini", summary, exit, stderr);
        var final = summary.Final;
        if (final is { IsError: false })
        {
            return exit.ExitCode == 0
                ? (null, null)
                : (FailureClasses.Deterministic, $"gemini reported success but exited with code {CliFailure.Code(exit)}" + (stderr.Length > 0 ? ": " + stderr : ""));
        }
        var detail = final?.Text ?? summary.LastError ?? (stderr.Length > 0 ? stderr : null);
        if (GeminiExitCodes.Of(exit.ExitCode, final?.ErrorType) is { } fatal)
        {
            var hint = fatal.Hint is null ? "" : "; " + fatal.Hint;
            return (fatal.Class, CliFailure.Describe("gemini", fatal.Class, $"{fatal.What} (exit code {CliFailure.Code(exit)}, {fatal.Name}{hint})", detail));
        }
        if (final is null) return CliFailure.MissingFinal("gemini", "result event", summary, exit, stderr);
        var failureClass = FailureClassifier.Classify(null, final.Text, summary.LastError, stderr);
        var kind = final.ErrorType is { } type ? $"{final.Outcome}, {type}" : final.Outcome;
        return (failureClass, CliFailure.Describe("gemini", failureClass, $"gemini failed ({kind}, exit code {CliFailure.Code(exit)})", detail));
    }
}
