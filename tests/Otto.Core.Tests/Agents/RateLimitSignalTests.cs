using Otto.Agents;
using static Otto.Tests.Agents.StreamFixtures;

namespace Otto.Tests.Agents;

/// <summary>
/// A rate limit told apart from other transient failures, from lines shaped like what the real CLIs print
/// (Claude Code 2.1.197's failed-request message and result; codex-cli 0.171.0's "exceeded retry limit, last
/// status: 429 Too Many Requests"; Gemini CLI 0.61.0's RESOURCE_EXHAUSTED with "Please retry in 41.2s"), and
/// the wait a CLI asks for. Usage limits that need a human are not rate limits.
/// </summary>
public sealed class RateLimitSignalTests
{
    private const string ClaudeRateLimited = """
        {"type":"assistant","message":{"id":"m-e","model":"<synthetic>","role":"assistant","type":"message","content":[{"type":"text","text":"API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}"}]},"parent_tool_use_id":null,"session_id":"s","error":"rate_limit"}
        {"type":"result","subtype":"success","is_error":true,"api_error_status":429,"duration_ms":1200,"num_turns":1,"result":"API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}","session_id":"s","total_cost_usd":0}
        """;

    private const string ClaudeOverloaded = """
        {"type":"assistant","message":{"id":"m-e","model":"<synthetic>","role":"assistant","type":"message","content":[{"type":"text","text":"API Error: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"}]},"parent_tool_use_id":null,"session_id":"s","error":"overloaded"}
        {"type":"result","subtype":"success","is_error":true,"api_error_status":529,"duration_ms":1200,"num_turns":1,"result":"API Error: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}","session_id":"s","total_cost_usd":0}
        """;

    private static AgentReport Claude(string lines, string stderr = "") =>
        ClaudeProvider.Judge(StreamSummary.Of(Lines(lines).SelectMany(ClaudeStreamParser.Parse)), Exit(1), stderr, Settings("claude"), NoPrices);

    private static AgentReport Codex(string lines) =>
        CodexProvider.Judge(StreamSummary.Of(Lines(lines).SelectMany(CodexStreamParser.Parse)), Exit(1), "", Settings("codex"), NoPrices);

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Claude_429_and_529_are_rate_limits_with_the_cli_s_words()
    {
        var limited = RateLimitSignal.Of(Claude(ClaudeRateLimited));
        var overloaded = RateLimitSignal.Of(Claude(ClaudeOverloaded));

        Assert.NotNull(limited);
        Assert.Contains("API Error: 429", limited.Reason, StringComparison.Ordinal);
        Assert.Null(limited.RetryAfter);
        Assert.NotNull(overloaded);
        Assert.Contains("529", overloaded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Codex_out_of_retries_on_429_is_a_rate_limit()
    {
        var report = Codex("""
            {"type":"thread.started","thread_id":"t"}
            {"type":"turn.started"}
            {"type":"error","message":"exceeded retry limit, last status: 429 Too Many Requests"}
            {"type":"turn.failed","error":{"message":"exceeded retry limit, last status: 429 Too Many Requests"}}
            """);

        var hit = RateLimitSignal.Of(report);

        Assert.NotNull(hit);
        Assert.Contains("429 Too Many Requests", hit.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rate limit reached for gpt-5 in organization org-x on tokens per min. Please try again in 20s.", 20)]
    [InlineData("Rate limit reached. Please try again in 1.5 seconds", 1.5)]
    [InlineData("[429 Too Many Requests] Resource has been exhausted (e.g. check quota). Please retry in 41.2s.", 41.2)]
    [InlineData("RESOURCE_EXHAUSTED: Quota exceeded for metric generate_content_requests per minute\nSuggested retry after 60s.", 60)]
    [InlineData("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"retryDelay\": \"7s\"}]}}", 7)]
    [InlineData("429 rate limited; try again in 2 minutes", 120)]
    [InlineData("429 rate limited; retry after 250ms", 0.25)]
    public void The_wait_a_cli_asks_for_is_used(string text, double seconds)
    {
        var hit = RateLimitSignal.Of(AgentReport.Plain(false, FailureClasses.Transient, text));

        Assert.NotNull(hit);
        Assert.Equal(TimeSpan.FromSeconds(seconds), hit.RetryAfter);
    }

    [Theory]
    [InlineData(FailureClasses.Transient, "You've hit your limit · resets 3pm (Europe/Berlin)")] // Claude's plan limit: hours away
    [InlineData(FailureClasses.Transient, "You have exhausted your daily quota on this model.")] // Gemini CLI's TerminalQuotaError
    [InlineData(FailureClasses.Budget, "You've hit your usage limit. Upgrade to Pro or try again at 3:04 PM.")] // codex
    [InlineData(FailureClasses.Transient, "codex could not reach its API: the network is unreachable (transient): Reconnecting... waiting for network")]
    [InlineData(FailureClasses.Transient, "API Error: 500 internal server error")]
    [InlineData(FailureClasses.Deterministic, "tests failed: expected 429 got 200")]
    public void Usage_limits_network_outages_and_other_failures_are_not_rate_limits(string failureClass, string text) =>
        Assert.Null(RateLimitSignal.Of(AgentReport.Plain(false, failureClass, text)));

    [Fact]
    public void An_overloaded_claude_stopped_while_it_kept_retrying_is_a_rate_limit()
    {
        var summary = StreamSummary.Of(ClaudeStreamParser.Parse(
            """{"type":"system","subtype":"api_retry","attempt":3,"max_retries":10,"retry_delay_ms":500.6,"error_status":529,"error":"overloaded","session_id":"s","uuid":"u"}"""));
        var report = ClaudeProvider.Judge(summary, Exit(143, AgentExit.StallTimeout), "", Settings("claude"), NoPrices);

        Assert.NotNull(RateLimitSignal.Of(report));
    }
}
