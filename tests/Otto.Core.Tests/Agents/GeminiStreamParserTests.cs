using Otto.Agents;
using Otto.Config;
using Otto.Runs;
using static Otto.Tests.Agents.StreamFixtures;

namespace Otto.Tests.Agents;

public sealed class GeminiStreamParserTests
{
    private static readonly IReadOnlyDictionary<string, PriceConfig> Prices = new Dictionary<string, PriceConfig>
    {
        ["gemini-2.5-pro"] = new() { InputPerMtok = 1.25m, OutputPerMtok = 10m, CachedInputPerMtok = 0.31m },
        ["gemini-2.5-flash"] = new() { InputPerMtok = 0.30m, OutputPerMtok = 2.50m },
    };

    [Fact]
    public void A_successful_stream_gives_session_model_tokens_and_a_cost_per_model()
    {
        var summary = Summary("gemini-success.jsonl", GeminiStreamParser.Parse);
        var report = GeminiProvider.Judge(summary, Exit(0), "", Settings("gemini"), Prices);

        Assert.Equal("c25acda3-6f1e-4b5c-9d44-3a1f0e2b7c10", report.SessionId);
        Assert.Equal("gemini-2.5-pro", report.Model);
        Assert.Equal(new TokenCounts(1200, 300, 400), report.Tokens);
        // pro: 600 x 1.25 + 400 x 0.31 + 300 x 10; flash: 200 x 0.30; per million
        Assert.Equal(0.003934m, report.CostUsd);
        Assert.Equal(3, report.Turns);
        Assert.True(report.Completed);
        Assert.Null(report.FailureClass);
    }

    [Fact]
    public void A_model_without_a_price_makes_the_cost_unknown_rather_than_partial()
    {
        var summary = Summary("gemini-success.jsonl", GeminiStreamParser.Parse);
        var onlyPro = new Dictionary<string, PriceConfig> { ["gemini-2.5-pro"] = Prices["gemini-2.5-pro"] };

        Assert.Null(GeminiProvider.Judge(summary, Exit(0), "", Settings("gemini"), onlyPro).CostUsd);
    }

    [Fact]
    public void The_turn_limit_exit_code_is_a_budget_failure()
    {
        var summary = Summary("gemini-turn-limit.jsonl", GeminiStreamParser.Parse);
        var report = GeminiProvider.Judge(summary, Exit(53), "", Settings("gemini"), Prices);

        Assert.Equal(FailureClasses.Budget, report.FailureClass);
        Assert.Contains("turn limit (exit code 53", report.Error, StringComparison.Ordinal);
        Assert.Contains("Reached max session turns", report.Error, StringComparison.Ordinal);
        Assert.Equal(new TokenCounts(800, 100, 0), report.Tokens);
    }

    [Fact]
    public void The_turn_limit_exit_code_counts_even_without_a_result_event()
    {
        var summary = StreamSummary.Of(GeminiStreamParser.Parse("""{"type":"init","timestamp":"t","session_id":"s","model":"gemini-2.5-pro"}"""));

        Assert.Equal(FailureClasses.Budget, GeminiProvider.Judge(summary, Exit(53), "", Settings("gemini"), Prices).FailureClass);
    }

    [Fact]
    public void Exit_code_41_is_an_auth_failure_that_says_how_to_sign_in()
    {
        var report = GeminiProvider.Judge(new StreamSummary(), Exit(41), "Please set an Auth method in your settings.json", Settings("gemini"), Prices);

        Assert.Equal(FailureClasses.Auth, report.FailureClass);
        Assert.Contains("gemini could not authenticate", report.Error, StringComparison.Ordinal);
        Assert.Contains("set GEMINI_API_KEY", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_result_is_classified_by_its_message()
    {
        const string line = """{"type":"result","timestamp":"t","status":"error","error":{"type":"Error","message":"[API Error: got status: 429 Too Many Requests. RESOURCE_EXHAUSTED]"},"stats":{"total_tokens":0,"input_tokens":0,"output_tokens":0,"cached":0,"input":0,"duration_ms":0,"tool_calls":0}}""";
        var report = GeminiProvider.Judge(StreamSummary.Of(GeminiStreamParser.Parse(line)), Exit(1), "", Settings("gemini"), Prices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
    }

    [Fact]
    public void A_stream_without_its_result_fails()
    {
        var summary = StreamSummary.Of(GeminiStreamParser.Parse("""{"type":"init","timestamp":"t","session_id":"s","model":"gemini-2.5-pro"}"""));
        var report = GeminiProvider.Judge(summary, Exit(0), "", Settings("gemini"), Prices);

        Assert.False(report.Completed);
        Assert.Equal(FailureClasses.Deterministic, report.FailureClass);
        Assert.Contains("gemini ended without its result event", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Assistant_chunks_render_as_one_text_and_each_tool_call_as_one_line()
    {
        var lines = AgentStreamText.Render(AgentStream.Read(Path("gemini-success.jsonl"), GeminiStreamParser.Parse)).ToList();

        Assert.Equal("session c25acda3-6f1e-4b5c-9d44-3a1f0e2b7c10 (model gemini-2.5-pro)", lines[0]);
        Assert.Equal("assistant: I will create feature.txt now.", lines[1]);
        Assert.Equal("-> write_file feature.txt", lines[2]);
        Assert.Contains("   <- error: File not found: /tmp/wt/feature/missing.txt", lines);
        Assert.Contains("warning: Loop detection is enabled", lines);
        Assert.Contains("tokens: 1200 in (400 cached), 300 out", lines);
        Assert.Equal("result: success", lines[^1]);
    }
}
