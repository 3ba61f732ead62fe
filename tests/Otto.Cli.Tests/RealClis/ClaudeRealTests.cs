namespace Otto.Tests.RealClis;

/// <summary>otto with the real Claude Code (tests/real-clis/versions.txt), no credentials, no network.</summary>
public sealed class ClaudeRealTests
{
    [SkippableFact]
    public async Task Without_credentials_the_run_stops_at_its_first_agent_as_auth_and_says_how_to_log_in()
    {
        using var repo = new RealCliRepo("claude", RealClis.Require("claude"));
        var result = await repo.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("auth", (string?)repo.Result["failure_class"]);
        Assert.Equal("claude could not authenticate: Not logged in · Please run /login\nTo fix it, run `claude` once to log in, or set ANTHROPIC_API_KEY.", repo.Reason);
        Assert.Empty(repo.EventsOf("attempt_retried"));
        Assert.Equal("failed", (string?)repo.Final["status"]);
    }

    [SkippableFact]
    public async Task With_a_key_but_no_network_it_is_transient_retried_by_otto_and_named_as_the_network()
    {
        using var repo = new RealCliRepo("claude", RealClis.Require("claude"), transientRetries: 1);
        var result = await repo.BuildAsync(("ANTHROPIC_API_KEY", "sk-ant-api03-otto-test-key-that-is-not-real"));

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result;
        Assert.Equal("transient", (string?)attempt["failure_class"]);
        // Claude retries the connection by itself for minutes; its retries are not progress, so otto stops it.
        Assert.Equal("network_outage", (string?)attempt["killed_by"]);
        Assert.Equal(1, (int?)attempt["transient_retries"]);
        var retried = Assert.Single(repo.EventsOf("attempt_retried"));
        Assert.Contains("claude could not reach its API: the network is unreachable (transient)", (string?)retried["data"]!["reason"], StringComparison.Ordinal);
        Assert.StartsWith("claude could not reach its API: the network is unreachable (transient): API request failed (connection error, no HTTP response)", repo.Reason, StringComparison.Ordinal);
        Assert.Contains("(still failing after 1 transient retry with backoff, limits.transient_retries)", repo.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("failed (success)", repo.Reason, StringComparison.Ordinal);
    }
}
