using Otto.Agents;
using static Otto.Tests.Agents.StreamFixtures;

namespace Otto.Tests.Agents;

/// <summary>
/// Claude Code's failures as 2.1.197 really prints them (claude-not-logged-in.jsonl and claude-offline.jsonl
/// were captured from it with no credentials, and with a fake key and no network), and the `error` field of
/// its failed-request message.
/// </summary>
public sealed class ClaudeFailureStreamTests
{
    [Fact]
    public void Not_logged_in_is_an_auth_failure_named_from_the_messages_error_field_not_failed_success()
    {
        var summary = Summary("claude-not-logged-in.jsonl", ClaudeStreamParser.Parse);
        var report = ClaudeProvider.Judge(summary, Exit(1), "", Settings("claude"), NoPrices);

        Assert.Equal("authentication_failed", summary.LastErrorType);
        Assert.Equal(FailureClasses.Auth, report.FailureClass);
        Assert.Equal("claude could not authenticate: Not logged in · Please run /login\nTo fix it, run `claude` once to log in, or set ANTHROPIC_API_KEY.", report.Error);
        Assert.Equal("success", report.FinalOutcome);
    }

    [Fact]
    public void Unable_to_connect_is_a_transient_network_failure_and_its_retries_are_warnings()
    {
        var events = AgentStream.Read(Path("claude-offline.jsonl"), ClaudeStreamParser.Parse).ToList();
        var retries = events.Where(e => e.Kind == AgentStreamKind.Error && !e.IsError).ToList();
        Assert.Equal(10, retries.Count);
        Assert.Equal("API request failed (connection error, no HTTP response); retrying, attempt 1 of 10", retries[0].Text);
        Assert.All(retries, r => Assert.False(r.IsProgress));

        var report = ClaudeProvider.Judge(StreamSummary.Of(events), Exit(1), "", Settings("claude"), NoPrices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.Equal("claude could not reach its API: the network is unreachable (transient): API Error: Unable to connect to API (ConnectionRefused)", report.Error);
        Assert.DoesNotContain("failed (success)", report.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate_limit", FailureClasses.Transient)]
    [InlineData("overloaded", FailureClasses.Transient)]
    [InlineData("server_error", FailureClasses.Transient)]
    [InlineData("authentication_failed", FailureClasses.Auth)]
    [InlineData("oauth_org_not_allowed", FailureClasses.Auth)]
    [InlineData("model_not_found", FailureClasses.Environment)]
    [InlineData("invalid_request", FailureClasses.Deterministic)]
    [InlineData("unknown", FailureClasses.Deterministic)]
    public void The_error_field_of_a_failed_request_decides_the_class(string error, string expected)
    {
        var report = Failed(error, "API Error: something happened");

        Assert.Equal(expected, report.FailureClass);
        if (expected is FailureClasses.Transient or FailureClasses.Deterministic)
            Assert.StartsWith("claude's API request failed", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billing_error_stops_the_run_and_says_to_add_credits_not_to_log_in()
    {
        var report = Failed("billing_error", "Credit balance is too low");

        Assert.Equal(FailureClasses.Auth, report.FailureClass);
        Assert.Contains("claude's account cannot pay for its requests (billing_error): Credit balance is too low", report.Error, StringComparison.Ordinal);
        Assert.Contains("add credits", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_limit_headline_names_the_error_and_the_class()
    {
        var report = Failed("rate_limit", "API Error: Request rejected (429) · you have hit your limit");

        Assert.Equal("claude's API request failed (rate_limit) (transient): API Error: Request rejected (429) · you have hit your limit", report.Error);
    }

    [Fact]
    public void Stopped_while_retrying_a_connection_it_keeps_the_cause_and_the_transient_class()
    {
        // The stream as it was when otto stopped it: the init event and seven retries, no result.
        var lines = File.ReadLines(Path("claude-offline.jsonl")).Take(8);
        var summary = StreamSummary.Of(lines.SelectMany(ClaudeStreamParser.Parse));
        Assert.NotNull(summary.Trouble);

        var report = ClaudeProvider.Judge(summary, Exit(143, AgentExit.StallTimeout), "", Settings("claude"), NoPrices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.Equal("claude could not reach its API: the network is unreachable (transient): API request failed (connection error, no HTTP response); retrying, attempt 7 of 10", report.Error);
    }

    [Fact]
    public void Stopped_by_a_network_outage_the_reason_says_otto_stopped_it()
    {
        var summary = StreamSummary.Of(File.ReadLines(Path("claude-offline.jsonl")).Take(3).SelectMany(ClaudeStreamParser.Parse));

        var report = ClaudeProvider.Judge(summary, Exit(143, AgentExit.NetworkOutage), "", Settings("claude"), NoPrices);

        Assert.Equal(FailureClasses.Transient, report.FailureClass);
        Assert.EndsWith("otto stopped it: no progress while it could not connect (network_outage)", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_after_a_retry_clears_the_trouble()
    {
        var lines = File.ReadLines(Path("claude-offline.jsonl")).Take(3).Append(File.ReadLines(Path("claude-success.jsonl")).ElementAt(1));
        var summary = StreamSummary.Of(lines.SelectMany(ClaudeStreamParser.Parse));

        Assert.Null(summary.Trouble);
        Assert.Null(ClaudeProvider.Judge(summary, Exit(143, AgentExit.StallTimeout), "", Settings("claude"), NoPrices).FailureClass);
    }

    private static AgentReport Failed(string error, string text)
    {
        var assistant = $$"""{"type":"assistant","message":{"id":"m1","model":"<synthetic>","role":"assistant","type":"message","content":[{"type":"text","text":"{{text}}"}]},"parent_tool_use_id":null,"session_id":"s1","error":"{{error}}"}""";
        var result = $$"""{"type":"result","subtype":"success","is_error":true,"api_error_status":null,"num_turns":1,"result":"{{text}}","session_id":"s1","total_cost_usd":0}""";
        var summary = StreamSummary.Of(ClaudeStreamParser.Parse(assistant).Concat(ClaudeStreamParser.Parse(result)));
        return ClaudeProvider.Judge(summary, Exit(1), "", Settings("claude"), NoPrices);
    }
}
