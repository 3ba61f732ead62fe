using Otto.Config;

namespace Otto.Agents;

/// <summary>
/// OpenAI Codex CLI, non-interactive: `codex exec --json --sandbox workspace-write -C WORKTREE [-m M]
/// [args...] PROMPT`. providers.codex.sandbox picks the sandbox mode; `bypass` runs with
/// --dangerously-bypass-approvals-and-sandbox, for containers that are their own sandbox.
/// </summary>
public sealed class CodexProvider : IAgentProvider
{
    public const string DefaultSandbox = "workspace-write";
    public const string Bypass = "bypass";

    public string Name => "codex";

    public AgentLaunch Prepare(AgentRequest request) =>
        new(Argv(CliAgentSettings.For(Name, request), PromptArgument.For(request), request.Worktree), request.OttoEnvironment());

    public static IReadOnlyList<string> Argv(CliAgentSettings settings, string prompt, string worktree)
    {
        var argv = new List<string> { settings.Binary, "exec", "--json" };
        if (settings.Sandbox == Bypass) argv.Add("--dangerously-bypass-approvals-and-sandbox");
        else argv.AddRange(["--sandbox", settings.Sandbox ?? DefaultSandbox]);
        argv.AddRange(["-C", worktree]);
        if (settings.Model is { } model) argv.AddRange(["-m", model]);
        argv.AddRange(settings.Args);
        // A prompt that starts with a dash would read as an option; `--` ends the options.
        if (prompt.StartsWith('-')) argv.Add("--");
        argv.Add(prompt);
        return argv;
    }

    public AgentReport Read(AgentRequest request, AgentExit exit) =>
        Judge(AgentStream.Summarize(request.Files.Stdout, CodexStreamParser.Parse), exit, AgentStream.Tail(request.Files.Stderr),
            CliAgentSettings.For(Name, request), request.Config.Prices);

    /// <summary>Decides the report from the stream, the exit and stderr; pure. Codex reports no cost: it comes from `prices`.</summary>
    public static AgentReport Judge(StreamSummary summary, AgentExit exit, string stderr, CliAgentSettings settings, IReadOnlyDictionary<string, PriceConfig> prices)
    {
        var cost = PriceTable.Cost(prices, summary, summary.Model ?? settings.Model);
        var (failureClass, error) = Outcome(summary, exit, stderr);
        return CliFailure.Report(summary, settings.Model, cost, failureClass, error);
    }

    private static (string? Class, string? Error) Outcome(StreamSummary summary, AgentExit exit, string stderr)
    {
        if (exit.KilledBy is not null) return CliFailure.Stopped("codex", summary, exit, stderr);
        if (summary.Final is not { } final) return CliFailure.MissingFinal("codex", "turn.completed or turn.failed event", summary, exit, stderr);
        if (final.Outcome == CodexStreamParser.Completed)
        {
            return exit.ExitCode == 0
                ? (null, null)
                : (FailureClasses.Deterministic, $"codex completed its turn but exited with code {CliFailure.Code(exit)}" + (stderr.Length > 0 ? ": " + stderr : ""));
        }
        var failureClass = FailureClassifier.Classify(null, final.Text, summary.LastError, stderr);
        return (failureClass, CliFailure.Describe("codex", failureClass, "codex's turn failed", final.Text ?? summary.LastError));
    }
}
