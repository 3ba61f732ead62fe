using Otto.Agents;
using Otto.Config;
using Otto.Runs;
using static Otto.Tests.Agents.StreamFixtures;

namespace Otto.Tests.Agents;

public sealed class CodexStreamParserTests
{
    private static readonly IReadOnlyDictionary<string, PriceConfig> Prices = new Dictionary<string, PriceConfig>
    {
        ["gpt-5-codex"] = new() { InputPerMtok = 1.25m, OutputPerMtok = 10m, CachedInputPerMtok = 0.125m },
    };

    [Fact]
    public void A_completed_turn_gives_the_thread_id_the_tokens_and_a_cost_from_prices()
    {
        var summary = Summary("codex-success.jsonl", CodexStreamParser.Parse);
        var report = CodexProvider.Judge(summary, Exit(0), "", Settings("codex", model: "gpt-5-codex"), Prices);

        Assert.Equal("0199a213-81c0-7800-8aa1-bbab2a035a53", report.SessionId);
        Assert.Equal("gpt-5-codex", report.Model);
        Assert.Equal(new TokenCounts(24763, 122, 24448), report.Tokens);
        // (24763 - 24448) x 1.25 + 24448 x 0.125 + 122 x 10, per million
        Assert.Equal(0.00466975m, report.CostUsd);
        // three tool calls and the closing message, each after a tool result: four model responses
        Assert.Equal(4, report.Turns);
        Assert.True(report.Completed);
        Assert.Null(report.FailureClass);
    }

    [Fact]
    public void Without_a_price_for_the_model_the_cost_is_unknown()
    {
        var summary = Summary("codex-success.jsonl", CodexStreamParser.Parse);

        Assert.Null(CodexProvider.Judge(summary, Exit(0), "", Settings("codex"), Prices).CostUsd);
        Assert.Null(CodexProvider.Judge(summary, Exit(0), "", Settings("codex", model: "o3"), Prices).CostUsd);
    }

    [Fact]
    public void Items_become_tool_calls_results_and_assistant_text()
    {
        var events = AgentStream.Read(Path("codex-success.jsonl"), CodexStreamParser.Parse).ToList();

        Assert.Equal(["shell", "apply_patch", "shell"], events.Where(e => e.Kind == AgentStreamKind.ToolCall).Select(e => e.Tool));
        Assert.Contains(events, e => e.Kind == AgentStreamKind.ToolCall && e.Text == "add /tmp/wt/feature/feature.txt");
        Assert.Contains(events, e => e.Kind == AgentStreamKind.ToolResult && e.Text == "exit 0: ok feature");
        Assert.Contains(events, e => e.Kind == AgentStreamKind.AssistantText && e.Text == "Added feature.txt; the tests pass.");
    }

    [Fact]
    public void A_failed_turn_is_classified_by_its_message()
    {
        var summary = Summary("codex-turn-failed.jsonl", CodexStreamParser.Parse);
        var report = CodexProvider.Judge(summary, Exit(1), "", Settings("codex"), Prices);

        Assert.True(report.Completed);
        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.Contains("codex's turn failed (transient): exceeded retry limit, last status: 429", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_turn_that_is_not_transient_is_deterministic()
    {
        var summary = StreamSummary.Of(CodexStreamParser.Parse("""{"type":"turn.failed","error":{"message":"the model refused the request"}}"""));
        var report = CodexProvider.Judge(summary, Exit(1), "", Settings("codex"), Prices);

        Assert.Equal(FailureClasses.Deterministic, report.FailureClass);
    }

    [Fact]
    public void Unauthorized_is_an_auth_failure_with_the_login_command()
    {
        var events = new[]
        {
            """{"type":"thread.started","thread_id":"t1"}""",
            """{"type":"turn.started"}""",
            """{"type":"error","message":"unexpected status 401 Unauthorized: Missing bearer or basic authentication in header"}""",
            """{"type":"turn.failed","error":{"message":"unexpected status 401 Unauthorized: Missing bearer or basic authentication in header"}}""",
        }.SelectMany(CodexStreamParser.Parse);
        var report = CodexProvider.Judge(StreamSummary.Of(events), Exit(1), "", Settings("codex"), Prices);

        Assert.Equal(FailureClasses.Auth, report.FailureClass);
        Assert.Contains("run `codex login` once, or set CODEX_API_KEY", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_without_a_final_turn_event_fails_even_with_exit_code_0()
    {
        var summary = StreamSummary.Of(CodexStreamParser.Parse("""{"type":"thread.started","thread_id":"t2"}"""));
        var report = CodexProvider.Judge(summary, Exit(0), "", Settings("codex"), Prices);

        Assert.False(report.Completed);
        Assert.Equal(FailureClasses.Deterministic, report.FailureClass);
        Assert.Contains("codex ended without its turn.completed or turn.failed event (exit code 0)", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dropped_stream_without_a_final_event_is_transient()
    {
        var summary = StreamSummary.Of(new[]
        {
            """{"type":"thread.started","thread_id":"t3"}""",
            """{"type":"error","message":"stream disconnected before completion: Transport error: error decoding response body"}""",
        }.SelectMany(CodexStreamParser.Parse));

        Assert.Equal(FailureClasses.Transient, CodexProvider.Judge(summary, Exit(1), "", Settings("codex"), Prices).FailureClass);
    }
}
