namespace Otto.Tests.Providers;

/// <summary>
/// A CLI that keeps retrying is not making progress: with the fake CLIs replaying what the real ones print
/// when their API is out of reach (codex's "Reconnecting... waiting for network", Claude's api_retry events,
/// Gemini's retries on stderr), otto stops them, keeps the cause, calls it transient and retries.
/// </summary>
public sealed class OutageTests
{
    private const string Limits = "concurrency: 1\nlimits: { max_attempts: 1, stall_timeout: 30s, outage_timeout: 2s, attempt_timeout: 60s, transient_retries: 1, transient_backoff: 0.1s }";

    [Fact]
    public async Task Codex_reconnecting_forever_is_stopped_as_a_network_outage_retried_then_named()
    {
        using var repo = new ProviderRepo("codex", ["alpha"], Limits);
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "offline" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result("alpha");
        Assert.Equal("network_outage", (string?)attempt["killed_by"]);
        Assert.Equal("transient", (string?)attempt["failure_class"]);
        Assert.Equal(1, (int?)attempt["transient_retries"]);
        Assert.Equal("network_outage", (string?)Json(Path.Combine(repo.AttemptDir("alpha"), "try-1", "result.json"))["killed_by"]);
        var retried = Assert.Single(repo.EventsOf("attempt_retried"));
        Assert.Contains("codex could not reach its API", (string?)retried["data"]!["reason"], StringComparison.Ordinal);
        var reason = (string?)repo.Final["reason"];
        Assert.StartsWith("codex could not reach its API: the network is unreachable (transient): Reconnecting... waiting for network (Connection failed: error sending request); otto stopped it", reason, StringComparison.Ordinal);
        Assert.EndsWith("(still failing after 1 transient retry with backoff, limits.transient_retries)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_are_not_progress_so_the_stall_timeout_fires_and_keeps_what_claude_was_retrying()
    {
        using var repo = new ProviderRepo("claude", ["alpha"], "concurrency: 1\nlimits: { max_attempts: 1, stall_timeout: 2s, attempt_timeout: 60s, transient_retries: 0 }");
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "overloaded" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result("alpha");
        // The fake prints a retry every 0.3 s: counted as output, the stall would never fire.
        Assert.Equal("stall_timeout", (string?)attempt["killed_by"]);
        Assert.Equal("transient", (string?)attempt["failure_class"]);
        var reason = (string?)repo.Final["reason"];
        Assert.StartsWith("the agent made no progress for 2s (retries and errors do not count), so otto stopped it (limits.stall_timeout)\n", reason, StringComparison.Ordinal);
        Assert.Contains("claude was stuck retrying (transient): API request failed (HTTP 529, overloaded); retrying, attempt", reason, StringComparison.Ordinal);
        Assert.Equal("stall_timeout", (string?)repo.Final["cause"]!["limit"]!["name"]);
    }

    [Fact]
    public async Task Gemini_retrying_on_stderr_is_stopped_as_a_network_outage_with_the_line_that_says_why()
    {
        using var repo = new ProviderRepo("gemini", ["alpha"], Limits);
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "offline" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result("alpha");
        Assert.Equal("network_outage", (string?)attempt["killed_by"]);
        Assert.Equal("transient", (string?)attempt["failure_class"]);
        Assert.StartsWith("gemini could not reach its API: the network is unreachable (transient): Attempt ", (string?)repo.Final["reason"], StringComparison.Ordinal);
        Assert.Contains("failed. Retrying with backoff... Error: exception TypeError: fetch failed sending request", (string?)repo.Final["reason"], StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonObject Json(string path) => (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
}
