using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Platform;

namespace Otto.Tests.Providers;

/// <summary>
/// A rate limit is shared: after fake claude answers a task with the 429 the real Claude Code prints
/// (`error: rate_limit`, api_error_status 429), every new claude agent of the run, in this process or in
/// another `otto work` process, waits out the backoff before it launches; the wait spends no attempt, and
/// `otto status` says who waits for what. The order is proven from the log: a gate script in each task's
/// setup holds beta back until alpha's backoff is recorded.
/// </summary>
public sealed class RateLimitTests
{
    /// <summary>setup.commands: alpha goes once GATE_CLAIMS tasks are claimed; beta (and alpha's best-of variant 2)
    /// once a backoff is recorded.</summary>
    private const string Gate = """
        events=$(ls "$OTTO_TEST_RUNS"/*/events.ndjson)
        case "$PWD" in
          */alpha) until [ "$(grep -c '"task_claimed"' "$events")" -ge "${GATE_CLAIMS:-1}" ]; do sleep 0.05; done ;;
          */beta|*/alpha.v2) until grep -q '"provider_backoff"' "$events"; do sleep 0.05; done ;;
        esac
        """;

    private static string Limits(string backoff) => $$"""
        concurrency: 2
        setup: { commands: ["sh ./gate.sh"] }
        limits: { max_attempts: 1, transient_retries: 2, transient_backoff: 0.1s, rate_limit_backoff: {{backoff}}, rate_limit_backoff_max: {{backoff}} }
        """;

    [Fact]
    public async Task After_a_429_the_sibling_waits_for_the_backoff_before_it_launches_and_both_succeed_without_spending_an_attempt()
    {
        using var repo = GatedRepo(Limits("2s"));
        var result = await repo.BuildAsync(Env(repo));

        Assert.True(result.ExitCode == 0, result.ToString());
        var backoff = Assert.Single(repo.EventsOf("provider_backoff"));
        Assert.Equal("claude", (string?)backoff["data"]!["provider"]);
        Assert.Equal(1, (int?)backoff["data"]!["hits"]);
        Assert.Contains("429", (string?)backoff["data"]!["reason"], StringComparison.Ordinal);
        var until = Time((string)backoff["data"]!["until"]!);
        // beta waited: its agent started no earlier than the backoff's end, and the wait is in its events.
        var wait = Assert.Single(repo.EventsOf("rate_limit_wait"), e => (string?)e["task"] == "beta");
        Assert.Equal(until, Time((string)wait["data"]!["until"]!));
        Assert.Single(repo.EventsOf("rate_limit_waited"), e => (string?)e["task"] == "beta");
        Assert.True(Started("beta", repo).Single() >= until, $"beta started {Started("beta", repo).Single():O}, the backoff ended {until:O}");
        // alpha's own retry waited for it too.
        Assert.Equal(2, Started("alpha", repo).Count);
        Assert.True(Started("alpha", repo)[1] >= until);
        // No attempt was spent: one attempt each, alpha's 429 a transient retry inside it.
        Assert.Single(repo.AttemptDirs("alpha"));
        Assert.Single(repo.AttemptDirs("beta"));
        Assert.Equal(["alpha", "beta"], repo.EventsOf("task_merged").Select(e => (string)e["task"]!).Order());
        Assert.Single(repo.EventsOf("attempt_retried"));
        // Getting through after the backoff ended it.
        var recovered = Assert.Single(repo.EventsOf("provider_recovered"));
        Assert.True((long)recovered["seq"]! > (long)backoff["seq"]!);
    }

    [Fact]
    public async Task Two_work_processes_share_the_backoff()
    {
        using var repo = GatedRepo(Limits("2s")); // the run's concurrency 2; each `otto work` runs one attempt
        var env = Env(repo);
        env["GATE_CLAIMS"] = "2"; // alpha hits its 429 only once both workers hold a task
        using var driver = OttoProcess.Start(repo.Repo.Root, env, "build", "--drive-only", "rate limit test");
        await Eventually.WaitUntil(() => CompleteEvents(repo).Any(e => (string?)e["type"] == "plan_accepted"), TimeSpan.FromMinutes(1), "the plan");
        var runId = repo.RunId;
        using var first = OttoProcess.Start(repo.Repo.Root, env, "work", runId);
        using var second = OttoProcess.Start(repo.Repo.Root, env, "work", runId);

        Assert.Equal(0, (await first.WaitAsync(TimeSpan.FromMinutes(2))).ExitCode);
        Assert.Equal(0, (await second.WaitAsync(TimeSpan.FromMinutes(2))).ExitCode);
        var driven = await driver.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(driven.ExitCode == 0, driven.ToString());
        var owners = repo.EventsOf("task_claimed").ToDictionary(e => (string)e["task"]!, e => (int)e["data"]!["owner"]!["pid"]!);
        Assert.Equal(new[] { first.Pid, second.Pid }.Order(), owners.Values.Order());
        var until = Time((string)Assert.Single(repo.EventsOf("provider_backoff"))["data"]!["until"]!);
        Assert.Single(repo.EventsOf("rate_limit_wait"), e => (string?)e["task"] == "beta");
        Assert.True(Started("beta", repo).Single() >= until);
        Assert.Single(repo.AttemptDirs("beta"));
        Assert.Single(repo.AttemptDirs("alpha"));
    }

    [Fact]
    public async Task Status_shows_the_backoff_and_ctrl_c_during_the_wait_ends_the_run_at_once()
    {
        // A backoff far longer than the test: the run can only end early by being interrupted.
        using var repo = GatedRepo(Limits("10m"));
        using var otto = OttoProcess.Start(repo.Repo.Root, Env(repo), "build", "rate limit test");
        await Eventually.WaitUntil(() => CompleteEvents(repo).Count(e => (string?)e["type"] == "rate_limit_wait") == 2,
            TimeSpan.FromMinutes(1), "alpha's retry and beta to wait for the backoff");

        var json = await repo.OttoAsync("status", "--json");
        var text = await repo.OttoAsync("status");

        Assert.True(json.ExitCode == 0, json.ToString());
        var limit = Assert.Single(JsonNode.Parse(json.Stdout)!["rate_limits"]!.AsArray())!;
        Assert.Equal("claude", (string?)limit["provider"]);
        Assert.Equal(2, (int?)limit["waiting"]);
        Assert.Equal(1, (int?)limit["hits"]);
        Assert.Contains("429", (string?)limit["reason"], StringComparison.Ordinal);
        Assert.True(Time((string)limit["until"]!) > DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Contains("rate limit: claude backs off until ", text.Stdout, StringComparison.Ordinal);
        Assert.Contains(", 2 attempts waiting): ", text.Stdout, StringComparison.Ordinal);

        otto.Signal(ProcessGroup.SigInt);
        var result = await otto.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal("canceled", (string?)repo.Final["status"]);
        Assert.Empty(Started("beta", repo)); // it never launched
        Assert.Empty(JsonNode.Parse((await repo.OttoAsync("status", "--json")).Stdout)!["rate_limits"]!.AsArray());
    }

    [Fact]
    public async Task Another_provider_is_not_held_back_by_claude_s_backoff()
    {
        // One task, best of two: variant 1 on claude (refused with a 429), variant 2 on codex, which launches
        // only once claude's backoff is recorded. The backoff outlasts the test; codex still finishes.
        using var repo = GatedRepo(Limits("10m").Replace("concurrency: 2", """
            concurrency: 2
            best_of: 2
            best_of_providers: [{ provider: claude }, { provider: codex }]
            """, StringComparison.Ordinal), ["alpha"]);
        using var otto = OttoProcess.Start(repo.Repo.Root, Env(repo), "build", "rate limit test");
        await Eventually.WaitUntil(() => CompleteEvents(repo).Any(e => (string?)e["type"] == "variant_finished"), TimeSpan.FromMinutes(1), "codex's variant to finish");
        otto.Signal(ProcessGroup.SigInt);
        var result = await otto.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 130, result.ToString());
        var backoff = Assert.Single(repo.EventsOf("provider_backoff"));
        Assert.Equal("claude", (string?)backoff["data"]!["provider"]);
        var codex = Assert.Single(repo.EventsOf("variant_finished"));
        Assert.Equal(("codex", 2, true), ((string?)codex["data"]!["provider"], (int?)codex["data"]!["variant"], (bool?)codex["data"]!["verified"]));
        Assert.True((long)codex["seq"]! > (long)backoff["seq"]!);
        Assert.True(Time((string)codex["ts"]!) < Time((string)backoff["data"]!["until"]!));
        Assert.All(repo.EventsOf("rate_limit_wait"), e => Assert.Equal("claude", (string?)e["data"]!["provider"]));
    }

    private static ProviderRepo GatedRepo(string yaml, string[]? tasks = null)
    {
        var repo = new ProviderRepo("claude", tasks ?? ["alpha", "beta"], yaml);
        repo.Repo.Write("gate.sh", Gate + "\n");
        repo.Repo.Commit("gate for rate limit tests");
        return repo;
    }

    private static Dictionary<string, string?> Env(ProviderRepo repo) => new()
    {
        ["PATH"] = repo.Bin + ":" + Environment.GetEnvironmentVariable("PATH"),
        ["FAKE_STATE"] = repo.State,
        ["FAKE_MODE"] = "flaky",
        ["FAKE_FAILS"] = "1",
        ["FAKE_FAIL_TASKS"] = "alpha",
        ["OTTO_TEST_RUNS"] = Path.Combine(repo.Repo.Root, ".otto", "runs"),
        ["OTTO_PLAIN"] = "1",
    };

    private static List<DateTimeOffset> Started(string task, ProviderRepo repo) =>
        [.. CompleteEvents(repo).Where(e => (string?)e["type"] == "attempt_started" && (string?)e["task"] == task).Select(e => Time((string)e["ts"]!))];

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The complete lines of events.ndjson, none while the run folder does not exist yet.</summary>
    private static List<JsonObject> CompleteEvents(ProviderRepo repo)
    {
        var runs = Path.Combine(repo.Repo.Root, ".otto", "runs");
        var dirs = Directory.Exists(runs) ? Directory.GetDirectories(runs) : [];
        var log = dirs.Length == 1 ? Path.Combine(dirs[0], "events.ndjson") : null;
        if (log is null || !File.Exists(log)) return [];
        var lines = File.ReadAllText(log).Split('\n');
        return [.. lines.Take(lines.Length - 1).Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!)];
    }
}
