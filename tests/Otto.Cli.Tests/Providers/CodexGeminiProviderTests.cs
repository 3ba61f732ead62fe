namespace Otto.Tests.Providers;

/// <summary>End-to-end runs with fake `codex` and `gemini` on PATH; their cost comes from otto.yaml's prices.</summary>
public sealed class CodexGeminiProviderTests
{
    [Fact]
    public async Task Codex_success_records_thread_tokens_and_a_cost_from_prices_summed_in_final_json()
    {
        using var repo = new ProviderRepo("codex", ["alpha", "beta"], """
            concurrency: 1
            providers: { codex: { model: gpt-5-codex } }
            prices: { gpt-5-codex: { input_per_mtok: 1.25, output_per_mtok: 10, cached_input_per_mtok: 0.125 } }
            """);
        var result = await repo.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        decimal total = 0;
        foreach (var task in new[] { "alpha", "beta" })
        {
            var attempt = repo.Result(task);
            Assert.StartsWith("0199a213-", (string?)attempt["session_id"], StringComparison.Ordinal);
            Assert.EndsWith(task, (string?)attempt["session_id"], StringComparison.Ordinal);
            Assert.Equal("gpt-5-codex", (string?)attempt["model"]);
            Assert.Equal(20000, (long?)attempt["tokens"]!["input"]);
            Assert.Equal(8000, (long?)attempt["tokens"]!["cached"]);
            Assert.Equal(1000, (long?)attempt["tokens"]!["output"]);
            // 12000 x 1.25 + 8000 x 0.125 + 1000 x 10, per million
            Assert.Equal(0.026m, (decimal?)attempt["cost_usd"]);
            Assert.Equal(3, (int?)attempt["turns"]);
            total += (decimal)attempt["cost_usd"]!;
            var argv = repo.Invocation(task)["argv"]!.AsArray().Select(a => (string?)a).ToList();
            Assert.Equal(["codex", "exec", "--json", "--sandbox", "workspace-write", "-C"], argv.Take(6));
            Assert.Equal(["-m", "gpt-5-codex"], argv.Skip(7).Take(2));
            Assert.Equal(File.ReadAllText(Path.Combine(repo.AttemptDir(task), "prompt.md")), argv[^1]);
            Assert.Equal("done by codex\n", repo.Repo.Show((string)repo.Final["integration_branch"]!, $"{task}.txt"));
        }
        Assert.Equal(0.052m, total);
        Assert.Equal(total, (decimal?)repo.Final["cost_usd"]);
    }

    [Fact]
    public async Task Codex_turn_failed_fails_the_attempt_with_the_turns_message()
    {
        using var repo = new ProviderRepo("codex", ["alpha"], "concurrency: 1\nlimits: { max_attempts: 1 }");
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "turn_failed" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result("alpha");
        Assert.Equal("deterministic", (string?)attempt["failure_class"]);
        Assert.True((bool?)attempt["completed"]);
        Assert.Null((decimal?)attempt["cost_usd"]);
        Assert.Contains("codex's turn failed: model refused: the request violates the usage policy", (string?)repo.Final["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_success_records_session_model_tokens_and_a_cost_from_prices_its_zero_token_routing_model_costing_nothing()
    {
        using var repo = new ProviderRepo("gemini", ["alpha"], """
            concurrency: 1
            prices: { gemini-2.5-pro: { input_per_mtok: 1.25, output_per_mtok: 10, cached_input_per_mtok: 0.31 } }
            """);
        var result = await repo.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var attempt = repo.Result("alpha");
        Assert.StartsWith("gemini-session-alpha-", (string?)attempt["session_id"], StringComparison.Ordinal);
        Assert.Equal("gemini-2.5-pro", (string?)attempt["model"]);
        Assert.Equal(4000, (long?)attempt["tokens"]!["input"]);
        Assert.Equal(1000, (long?)attempt["tokens"]!["cached"]);
        // 3000 x 1.25 + 1000 x 0.31 + 1000 x 10, per million
        Assert.Equal(0.01406m, (decimal?)attempt["cost_usd"]);
        Assert.Equal(0.01406m, (decimal?)repo.Final["cost_usd"]);
        var argv = repo.Invocation("alpha")["argv"]!.AsArray().Select(a => (string?)a).ToList();
        Assert.Equal(["gemini", "-p"], argv.Take(2));
        Assert.Equal(["--output-format", "stream-json", "--approval-mode", "auto_edit"], argv.Skip(3));
        // Like Gemini CLI 0.61, the fake exits 55 in a folder it does not trust: otto trusts the worktree for it.
        Assert.Equal("true", (string?)repo.Invocation("alpha")["environment"]!["GEMINI_CLI_TRUST_WORKSPACE"]);

        var logs = await repo.OttoAsync("logs", repo.RunId, "alpha");
        Assert.Contains("assistant: Writing the file.", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("-> write_file alpha.txt", logs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_turn_limit_exit_code_is_a_budget_failure()
    {
        using var repo = new ProviderRepo("gemini", ["alpha"], "concurrency: 1\nlimits: { max_attempts: 1 }");
        var result = await repo.BuildAsync(new() { ["FAKE_MODE"] = "turn_limit" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result("alpha");
        Assert.Equal(53, (int?)attempt["exit_code"]);
        Assert.Equal("budget", (string?)attempt["failure_class"]);
        Assert.Contains("gemini reached its session turn limit (exit code 53", (string?)repo.Final["reason"], StringComparison.Ordinal);
    }
}
