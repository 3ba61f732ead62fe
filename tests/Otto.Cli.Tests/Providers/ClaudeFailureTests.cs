namespace Otto.Tests.Providers;

/// <summary>How Claude's failures travel: failure class in result.json, the verbatim reason in final.json.</summary>
public sealed class ClaudeFailureTests
{
    private const string OneAttempt = "concurrency: 1\nlimits: { max_attempts: 1, transient_backoff: 0.1s }";

    [Fact]
    public async Task Error_max_turns_is_a_budget_failure_that_names_the_turn_cap()
    {
        using var repo = new ProviderRepo("claude", ["alpha"], OneAttempt + "\nproviders: { claude: { max_turns: 2 } }");
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "max_turns" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result("alpha");
        Assert.Equal("budget", (string?)attempt["failure_class"]);
        Assert.True((bool?)attempt["completed"]);
        Assert.Equal("error_max_turns", (string?)attempt["final"]!["outcome"]);
        Assert.Contains("--max-turns", repo.Invocation("alpha")["argv"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("failed", (string?)repo.Final["status"]);
        Assert.Contains("claude reached its turn limit (--max-turns 2, from providers.claude.max_turns)", (string?)repo.Final["reason"], StringComparison.Ordinal);
        Assert.Equal(0.0123m, (decimal?)repo.Final["cost_usd"]);
    }

    [Fact]
    public async Task A_result_with_is_error_and_an_api_error_status_fails_with_the_status_and_message()
    {
        using var repo = new ProviderRepo("claude", ["alpha"], OneAttempt);
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "api_error", ["FAKE_STATUS"] = "400" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result("alpha");
        Assert.Equal("deterministic", (string?)attempt["failure_class"]);
        Assert.Equal(0, (int?)attempt["transient_retries"]);
        Assert.Equal("success", (string?)attempt["final"]!["outcome"]); // Claude's subtype, verbatim
        Assert.Equal(400, (int?)attempt["final"]!["api_status"]);
        var reason = (string?)repo.Final["reason"];
        // Claude's result says subtype `success` with is_error: a failed request, never "claude failed (success)".
        Assert.Contains("claude's API request failed (invalid_request) (API status 400)", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("failed (success)", reason, StringComparison.Ordinal);
        Assert.Contains("prompt is too long", reason, StringComparison.Ordinal);
        Assert.Equal("agent", (string?)repo.Final["cause"]!["kind"]);
    }

    [Fact]
    public async Task A_stream_that_stops_without_its_result_event_fails_even_with_exit_code_0()
    {
        using var repo = new ProviderRepo("claude", ["alpha"], OneAttempt);
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "no_final" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result("alpha");
        Assert.Equal(0, (int?)attempt["exit_code"]);
        Assert.False((bool?)attempt["completed"]);
        Assert.Equal("deterministic", (string?)attempt["failure_class"]);
        Assert.NotNull((string?)attempt["session_id"]);
        Assert.Contains("claude ended without its result event (exit code 0)", (string?)repo.Final["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limited_twice_then_success_is_retried_with_backoff_and_is_not_a_fix_attempt()
    {
        using var repo = new ProviderRepo("claude", ["alpha"],
            "concurrency: 1\nlimits: { max_attempts: 3, transient_backoff: 0.1s, transient_retries: 4, rate_limit_backoff: 0.2s, rate_limit_backoff_max: 1s }");
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "flaky", ["FAKE_FAILS"] = "2" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(repo.AttemptDirs("alpha"));
        var retries = repo.EventsOf("attempt_retried");
        Assert.Equal(2, retries.Count);
        Assert.All(retries, e => Assert.Contains("429", (string?)e["data"]!["reason"], StringComparison.Ordinal));
        Assert.All(retries, e => Assert.True((double?)e["data"]!["delay_s"] < 1));
        // A rate limit is also the provider's: each 429 grew its shared backoff, the success ended it.
        Assert.Equal([1, 2], repo.EventsOf("provider_backoff").Select(e => (int)e["data"]!["hits"]!));
        Assert.Single(repo.EventsOf("provider_recovered"));
        Assert.True(Directory.Exists(Path.Combine(repo.AttemptDir("alpha"), "try-1")));
        Assert.True(Directory.Exists(Path.Combine(repo.AttemptDir("alpha"), "try-2")));
        var attempt = repo.Result("alpha");
        Assert.Equal(2, (int?)attempt["transient_retries"]);
        // each rate-limited try reported its own cost; the attempt's cost includes them
        Assert.Equal(0.0123m, (decimal?)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(repo.AttemptDir("alpha"), "try-1", "result.json")))!["cost_usd"]);
        Assert.Equal(3 * 0.0123m, (decimal?)attempt["cost_usd"]);
        Assert.Equal(3 * 0.0123m, (decimal?)repo.Final["cost_usd"]);
        Assert.Null((string?)attempt["failure_class"]);
        Assert.Equal("3", File.ReadAllText(Path.Combine(repo.State, "calls-alpha")).Trim());
        var status = System.Text.Json.Nodes.JsonNode.Parse((await repo.OttoAsync("status", repo.RunId, "--json")).Stdout)!;
        Assert.Equal(1, (int?)status["tasks"]![0]!["attempts"]);
    }

    [Fact]
    public async Task Unauthorized_stops_the_run_at_once_without_retries_and_says_how_to_log_in()
    {
        using var repo = new ProviderRepo("claude", ["alpha"], "concurrency: 1\nlimits: { max_attempts: 3, transient_backoff: 0.1s }");
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "auth" });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Single(repo.AttemptDirs("alpha"));
        Assert.Empty(repo.EventsOf("attempt_retried"));
        Assert.Equal("1", File.ReadAllText(Path.Combine(repo.State, "calls-alpha")).Trim());
        Assert.Equal("auth", (string?)repo.Result("alpha")["failure_class"]);
        Assert.Equal("failed", (string?)repo.Final["status"]);
        var reason = (string?)repo.Final["reason"];
        Assert.Contains("claude could not authenticate (API status 401)", reason, StringComparison.Ordinal);
        Assert.Contains("run `claude` once to log in, or set ANTHROPIC_API_KEY", reason, StringComparison.Ordinal);
    }
}
