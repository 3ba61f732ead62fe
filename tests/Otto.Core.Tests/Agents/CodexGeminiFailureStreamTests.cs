using Otto.Agents;
using Otto.Config;
using Otto.Runs;
using static Otto.Tests.Agents.StreamFixtures;

namespace Otto.Tests.Agents;

/// <summary>
/// Codex's and Gemini CLI's failures as codex-cli 0.171.0 and Gemini CLI 0.61.0 really print them
/// (codex-offline.jsonl and gemini-offline.jsonl/.stderr were captured with no network), and Gemini's
/// fatal exit codes.
/// </summary>
public sealed class CodexGeminiFailureStreamTests
{
    private const string Untrusted = "Gemini CLI is not running in a trusted directory. To proceed, either use `--skip-trust`, set the `GEMINI_CLI_TRUST_WORKSPACE=true` environment variable, or trust this directory in interactive mode.";

    [Fact]
    public void Codex_reconnecting_and_waiting_for_network_are_trouble_never_progress()
    {
        var events = AgentStream.Read(Path("codex-offline.jsonl"), CodexStreamParser.Parse).ToList();

        Assert.Equal(2, events.Count(e => e.IsProgress)); // thread.started and turn.started
        var summary = StreamSummary.Of(events);
        Assert.Equal("Reconnecting... waiting for network (Connection failed: error sending request)", summary.Trouble?.Text);
        Assert.True(FailureClassifier.IsNetwork(summary.Trouble?.Text));
    }

    [Fact]
    public void Codex_stopped_for_a_network_outage_is_transient_and_names_the_network()
    {
        var report = CodexProvider.Judge(Summary("codex-offline.jsonl", CodexStreamParser.Parse), Exit(143, AgentExit.NetworkOutage), "", Settings("codex"), NoPrices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.Equal("codex could not reach its API: the network is unreachable (transient): Reconnecting... waiting for network (Connection failed: error sending request); otto stopped it: no progress while it could not connect (network_outage)", report.Error);
        Assert.False(report.Completed);
    }

    [Fact]
    public void Codex_reasoning_and_todo_items_are_activity()
    {
        Assert.Equal(AgentStreamKind.Activity, Assert.Single(CodexStreamParser.Parse("""{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"**Thinking**"}}""")).Kind);
        Assert.Equal(AgentStreamKind.Activity, Assert.Single(CodexStreamParser.Parse("""{"type":"item.updated","item":{"id":"item_1","type":"todo_list","items":[]}}""")).Kind);
    }

    [Fact]
    public void Codex_refusing_an_option_or_an_untrusted_folder_is_an_environment_failure()
    {
        var options = CodexProvider.Judge(new StreamSummary(), Exit(2), "error: unexpected argument '--bogus-flag' found", Settings("codex"), NoPrices);
        var folder = CodexProvider.Judge(new StreamSummary(), Exit(1), "Not inside a trusted directory and --skip-git-repo-check was not specified.", Settings("codex"), NoPrices);

        Assert.Equal(FailureClasses.Environment, options.FailureClass);
        Assert.Equal(FailureClasses.Environment, folder.FailureClass);
        Assert.Contains("To fix it, this is the CLI's own setup", folder.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(41, FailureClasses.Auth, "gemini could not authenticate")]
    [InlineData(42, FailureClasses.Environment, "gemini rejected its input")]
    [InlineData(44, FailureClasses.Environment, "gemini's sandbox could not start (exit code 44, FatalSandboxError)")]
    [InlineData(52, FailureClasses.Environment, "gemini's configuration is invalid (exit code 52, FatalConfigError)")]
    [InlineData(53, FailureClasses.Budget, "gemini reached its session turn limit (exit code 53, FatalTurnLimitedError; raise model.maxSessionTurns")]
    [InlineData(54, FailureClasses.Environment, "a tool failed fatally")]
    [InlineData(55, FailureClasses.Environment, "gemini does not trust the worktree (exit code 55, FatalUntrustedWorkspaceError")]
    public void Each_fatal_gemini_exit_code_has_its_class(int code, string expected, string words)
    {
        var report = GeminiProvider.Judge(new StreamSummary(), Exit(code), "something failed", Settings("gemini"), NoPrices);

        Assert.Equal(expected, report.FailureClass);
        Assert.Contains(words, report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gemini_exit_55_is_an_environment_failure_that_stops_the_run_with_its_message()
    {
        var report = GeminiProvider.Judge(new StreamSummary(), Exit(55), Untrusted, Settings("gemini"), NoPrices);

        Assert.Equal(FailureClasses.Environment, report.FailureClass);
        Assert.Contains("GEMINI_RESTRICTED_MODE", report.Error, StringComparison.Ordinal);
        Assert.Contains("not running in a trusted directory", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gemini_result_naming_a_fatal_error_type_counts_like_its_exit_code()
    {
        var summary = StreamSummary.Of(GeminiStreamParser.Parse("""{"type":"result","status":"error","error":{"type":"FatalConfigError","message":"Invalid telemetry target"},"stats":{"models":{}}}"""));

        Assert.Equal(FailureClasses.Environment, GeminiProvider.Judge(summary, Exit(1), "", Settings("gemini"), NoPrices).FailureClass);
    }

    [Fact]
    public void Gemini_offline_ends_with_fetch_failed_a_transient_network_failure()
    {
        var summary = Summary("gemini-offline.jsonl", GeminiStreamParser.Parse);
        var report = GeminiProvider.Judge(summary, Exit(1), File.ReadAllText(Path("gemini-offline.stderr")), Settings("gemini"), NoPrices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.StartsWith("gemini could not reach its API: the network is unreachable (transient): [API Error: exception TypeError: fetch failed sending request]", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gemini_stopped_while_retrying_on_stderr_names_the_line_that_says_why()
    {
        var running = StreamSummary.Of(File.ReadLines(Path("gemini-offline.jsonl")).Take(2).SelectMany(GeminiStreamParser.Parse));
        var report = GeminiProvider.Judge(running, Exit(143, AgentExit.StallTimeout), File.ReadAllText(Path("gemini-offline.stderr")), Settings("gemini"), NoPrices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.Contains("Error: exception TypeError: fetch failed sending request", report.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("    at ", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_routing_model_that_used_no_tokens_does_not_make_the_cost_unknown()
    {
        var prices = new Dictionary<string, PriceConfig> { ["gemini-2.5-pro"] = new() { InputPerMtok = 1.25m, OutputPerMtok = 10m } };
        var perModel = new Dictionary<string, TokenCounts>
        {
            ["gemini-2.5-pro"] = new(1_000_000, 100_000, 0),
            ["gemini-3.5-flash-lite"] = new(0, 0, 0),
        };

        Assert.Equal(1.25m + 1m, PriceTable.Cost(prices, perModel));
        Assert.Null(PriceTable.Cost(prices, new Dictionary<string, TokenCounts> { ["gemini-3.5-flash-lite"] = new(10, 1, 0) }));
    }
}
