using System.Text.Json.Nodes;

namespace Otto.Tests.Providers;

/// <summary>End-to-end runs with a fake `claude` on PATH: the real otto binary, real processes, real git.</summary>
public sealed class ClaudeProviderTests
{
    [Fact]
    public async Task A_successful_run_records_session_turns_tokens_and_cost_and_final_json_sums_them()
    {
        using var repo = new ProviderRepo("claude", ["alpha", "beta"], "concurrency: 1\nprices: { claude-sonnet-4-5-20250929: { input_per_mtok: 99, output_per_mtok: 99 } }");
        var result = await repo.BuildAsync(new() { ["FAKE_COST"] = "0.0123" });

        Assert.True(result.ExitCode == 0, result.ToString());
        decimal total = 0;
        foreach (var task in new[] { "alpha", "beta" })
        {
            var attempt = repo.Result(task);
            var invocation = repo.Invocation(task);
            Assert.Equal("claude", (string?)attempt["provider"]);
            Assert.True(Guid.TryParse((string?)attempt["session_id"], out _), attempt.ToJsonString());
            Assert.Equal((string?)invocation["session_id"], (string?)attempt["session_id"]);
            Assert.Equal(3, (int?)attempt["turns"]);
            Assert.Equal(1, (int?)attempt["tool_calls"]);
            Assert.Equal("success", (string?)attempt["final"]!["outcome"]);
            Assert.Null(attempt["final"]!["api_status"]);
            Assert.Equal(1012 + 3000, (long?)attempt["tokens"]!["input"]);
            Assert.Equal(250, (long?)attempt["tokens"]!["output"]);
            Assert.Equal(3000, (long?)attempt["tokens"]!["cached"]);
            // the CLI's own total_cost_usd, not the (deliberately absurd) price table
            Assert.Equal(0.0123m, (decimal?)attempt["cost_usd"]);
            Assert.Equal("claude-sonnet-4-5-20250929", (string?)attempt["model"]);
            total += (decimal)attempt["cost_usd"]!;

            var argv = invocation["argv"]!.AsArray().Select(a => (string?)a).ToList();
            Assert.Equal(["claude", "-p"], argv.Take(2));
            Assert.Equal(File.ReadAllText(Path.Combine(repo.AttemptDir(task), "prompt.md")), argv[2]);
            Assert.Equal(["--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits", "--session-id", (string?)attempt["session_id"], "--max-turns", "100"], argv.Skip(3));
            Assert.Equal("done by claude\n", repo.Repo.Show((string)repo.Final["integration_branch"]!, $"{task}.txt"));
        }
        Assert.Equal(0.0246m, total);
        Assert.Equal(total, (decimal?)repo.Final["cost_usd"]);
        Assert.Equal(2 * 4012L, (long?)repo.Final["tokens"]!["input"]);
        var status = JsonNode.Parse((await repo.OttoAsync("status", repo.RunId, "--json")).Stdout)!;
        Assert.Equal(total, (decimal?)status["cost_usd"]);
    }

    [Fact]
    public async Task Logs_render_the_stream_and_raw_prints_it_as_written()
    {
        using var repo = new ProviderRepo("claude", ["alpha"], "concurrency: 1");
        Assert.Equal(0, (await repo.BuildAsync()).ExitCode);

        var logs = await repo.OttoAsync("logs", repo.RunId, "alpha");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Contains("==> agent (claude) <==", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("assistant: I will write the file.", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("-> Write ", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("   <- File created successfully", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("result: success, 3 turns, $0.0123", logs.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\":\"assistant\"", logs.Stdout, StringComparison.Ordinal);

        var raw = await repo.OttoAsync("logs", repo.RunId, "alpha", "--raw");
        Assert.Contains("\"type\":\"result\"", raw.Stdout, StringComparison.Ordinal);
        Assert.Contains("==> stdout <==", raw.Stdout, StringComparison.Ordinal);
    }
}
