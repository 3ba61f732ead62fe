using Otto.Agents;
using Otto.Runs;
using static Otto.Tests.Agents.StreamFixtures;

namespace Otto.Tests.Agents;

public sealed class ClaudeStreamParserTests
{
    [Fact]
    public void A_successful_stream_gives_session_model_turns_tokens_and_the_reported_cost()
    {
        var summary = Summary("claude-success.jsonl", ClaudeStreamParser.Parse);
        var report = ClaudeProvider.Judge(summary, Exit(0), "", Settings("claude"), NoPrices);

        Assert.Equal("0a8c4b52-6f3e-4d1c-9a57-2f1f3f0c9e11", report.SessionId);
        Assert.Equal("claude-sonnet-4-5-20250929", report.Model);
        Assert.Equal(4, report.Turns);
        // input = input_tokens + cache writes + cache reads; cached = cache reads
        Assert.Equal(new TokenCounts(8012, 350, 6000), report.Tokens);
        Assert.Equal(0.0421365m, report.CostUsd);
        Assert.True(report.Completed);
        Assert.Null(report.FailureClass);
        Assert.Null(report.Error);
    }

    [Fact]
    public void Each_line_becomes_normalized_events_other_json_is_activity_and_the_rest_is_ignored()
    {
        var events = AgentStream.Read(Path("claude-success.jsonl"), ClaudeStreamParser.Parse).ToList();

        Assert.Equal(AgentStreamKind.Session, events[0].Kind);
        Assert.Equal(["Read", "Write", "Bash"], events.Where(e => e.Kind == AgentStreamKind.ToolCall).Select(e => e.Tool));
        Assert.Contains(events, e => e.Kind == AgentStreamKind.ToolCall && e.Text == "sh ./test.sh");
        Assert.Equal(3, events.Count(e => e.Kind == AgentStreamKind.ToolResult));
        Assert.Equal(2, events.Count(e => e.Kind == AgentStreamKind.AssistantText));
        Assert.Equal(AgentStreamKind.Final, events[^1].Kind);
        Assert.Empty(ClaudeStreamParser.Parse("not json"));
        Assert.Equal(AgentStreamKind.Activity, Assert.Single(ClaudeStreamParser.Parse("{\"type\":\"stream_event\",\"event\":{}}")).Kind);
        Assert.Empty(ClaudeStreamParser.Parse("[1,2]"));
    }

    [Fact]
    public void Turns_without_a_result_count_distinct_message_ids()
    {
        var summary = Summary("claude-success.jsonl", ClaudeStreamParser.Parse) with { Final = null };

        Assert.Equal(4, summary.NamedTurns);
        Assert.Equal(4, summary.Turns);
    }

    [Fact]
    public void Error_max_turns_is_a_budget_failure_naming_the_cap()
    {
        var summary = Summary("claude-max-turns.jsonl", ClaudeStreamParser.Parse);
        var report = ClaudeProvider.Judge(summary, Exit(1), "", Settings("claude", maxTurns: 3), NoPrices);

        Assert.Equal(FailureClasses.Budget, report.FailureClass);
        Assert.Contains("turn limit (--max-turns 3", report.Error, StringComparison.Ordinal);
        Assert.Equal(3, report.Turns);
        Assert.Equal(0.0190125m, report.CostUsd);
        Assert.True(report.Completed);
    }

    [Fact]
    public void An_api_error_result_is_classified_by_its_status()
    {
        var summary = Summary("claude-api-error.jsonl", ClaudeStreamParser.Parse);
        var report = ClaudeProvider.Judge(summary, Exit(1), "", Settings("claude"), NoPrices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.Contains("API status 529", report.Error, StringComparison.Ordinal);
        Assert.Contains("Overloaded", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_401_result_is_an_auth_failure_that_says_how_to_log_in()
    {
        const string line = """{"type":"result","subtype":"success","is_error":true,"api_error_status":401,"num_turns":1,"result":"Invalid API key · Please run /login","session_id":"s1","total_cost_usd":0}""";
        var summary = StreamSummary.Of(ClaudeStreamParser.Parse(line));
        var report = ClaudeProvider.Judge(summary, Exit(1), "", Settings("claude"), NoPrices);

        Assert.Equal(FailureClasses.Auth, report.FailureClass);
        Assert.Contains("claude could not authenticate (API status 401)", report.Error, StringComparison.Ordinal);
        Assert.Contains("run `claude` once to log in, or set ANTHROPIC_API_KEY", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_without_its_result_fails_whatever_the_exit_code()
    {
        var summary = Summary("claude-no-result.jsonl", ClaudeStreamParser.Parse);
        var report = ClaudeProvider.Judge(summary, Exit(0), "", Settings("claude"), NoPrices);

        Assert.False(report.Completed);
        Assert.Equal(FailureClasses.Deterministic, report.FailureClass);
        Assert.Contains("ended without its result event (exit code 0)", report.Error, StringComparison.Ordinal);
        Assert.Equal("3c3c3c3c-4444-4555-8666-977788889999", report.SessionId);
        Assert.Null(report.CostUsd);
    }

    [Fact]
    public void A_stream_cut_off_by_the_network_is_transient()
    {
        var summary = Summary("claude-no-result.jsonl", ClaudeStreamParser.Parse);
        var report = ClaudeProvider.Judge(summary, Exit(1), "Error: read ECONNRESET", Settings("claude"), NoPrices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.Contains("ECONNRESET", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_success_result_with_a_failing_exit_code_is_a_failure()
    {
        var summary = Summary("claude-success.jsonl", ClaudeStreamParser.Parse);
        var report = ClaudeProvider.Judge(summary, Exit(2), "boom", Settings("claude"), NoPrices);

        Assert.Equal(FailureClasses.Deterministic, report.FailureClass);
        Assert.Contains("exited with code 2: boom", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agent_otto_killed_has_no_failure_class_of_its_own()
    {
        var summary = Summary("claude-no-result.jsonl", ClaudeStreamParser.Parse);
        var report = ClaudeProvider.Judge(summary, Exit(null, AgentExit.StallTimeout), "", Settings("claude"), NoPrices);

        Assert.Null(report.FailureClass);
        Assert.Null(report.Error);
        Assert.False(report.Completed);
    }
}
