using System.Globalization;
using System.Text.Json.Nodes;

namespace Otto.Tests.Providers;

/// <summary>Concurrent attempts keep their own sessions; secrets never reach a file in the run folder.</summary>
public sealed class ProviderIsolationTests
{
    [Fact]
    public async Task Two_concurrent_attempts_each_record_their_own_session_id()
    {
        using var repo = new ProviderRepo("claude", ["alpha", "beta"], "concurrency: 2");
        var result = await repo.BuildAsync(new() { ["FAKE_SLEEP"] = "1.5" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(repo.AttemptDirs("alpha").Count == 1 && repo.AttemptDirs("beta").Count == 1, "one attempt each\n" + result);
        var started = repo.EventsOf("attempt_started").ToDictionary(e => (string)e["task"]!);
        var finished = repo.EventsOf("attempt_finished").ToDictionary(e => (string)e["task"]!);
        // they really overlapped: each started before the other finished
        Assert.True(Ts(started["alpha"]) < Ts(finished["beta"]) && Ts(started["beta"]) < Ts(finished["alpha"]));
        var sessions = new[] { "alpha", "beta" }.Select(task =>
        {
            var id = (string?)repo.Result(task)["session_id"];
            Assert.Equal(id, (string?)repo.Invocation(task)["session_id"]);
            Assert.Equal(id, (string?)started[task]["data"]!["session_id"]);
            Assert.Equal(id, (string?)finished[task]["data"]!["session_id"]);
            Assert.Contains($"\"session_id\":\"{id}\"", File.ReadAllText(Path.Combine(repo.AttemptDir(task), "stdout.log")), StringComparison.Ordinal);
            return id;
        }).ToList();
        Assert.NotEqual(sessions[0], sessions[1]);
    }

    [Fact]
    public async Task Secrets_in_the_environment_and_in_the_agents_output_never_reach_the_run_folder()
    {
        const string apiKey = "sk-ant-api03-Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm";
        const string otherToken = "tok_live_7f3a9c2e1b8d4f6a";
        const string bearer = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig123456";
        using var repo = new ProviderRepo("claude", ["alpha"], "concurrency: 1\nlimits: { max_attempts: 1 }");
        var result = await repo.BuildAsync(new()
        {
            ["FAKE_MODE"] = "secrets",
            ["ANTHROPIC_API_KEY"] = apiKey,
            ["OTHER_TOKEN"] = otherToken,
            ["FAKE_BEARER"] = bearer,
        });

        Assert.True(result.ExitCode == 1, result.ToString());
        var files = Directory.GetFiles(repo.RunDir, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("invocation.json", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("result.json", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var secret in new[] { apiKey, otherToken, bearer })
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} contains a secret:\n{text}");
        }
        Assert.DoesNotContain(apiKey, result.Stdout + result.Stderr, StringComparison.Ordinal);
        // what the agent wrote in its status file travels to the commit message too
        var messages = repo.Repo.Git("log", "--all", "--format=%B");
        Assert.Contains("used [REDACTED]", messages, StringComparison.Ordinal);
        foreach (var secret in new[] { apiKey, otherToken, bearer }) Assert.DoesNotContain(secret, messages, StringComparison.Ordinal);
        // the agent's output is kept, with the secrets masked
        Assert.Contains("[REDACTED]", File.ReadAllText(Path.Combine(repo.AttemptDir("alpha"), "stdout.log")), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", File.ReadAllText(Path.Combine(repo.AttemptDir("alpha"), "stderr.log")), StringComparison.Ordinal);
        Assert.Contains("tool failed with [REDACTED]", (string?)repo.Final["reason"], StringComparison.Ordinal);
    }

    private static DateTimeOffset Ts(JsonObject e) => DateTimeOffset.Parse((string)e["ts"]!, CultureInfo.InvariantCulture);
}
