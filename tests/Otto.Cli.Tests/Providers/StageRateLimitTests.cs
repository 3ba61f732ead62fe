using System.Globalization;

namespace Otto.Tests.Providers;

/// <summary>
/// A stage's agent shares the run's rate-limit backoff: fake claude as the planner answers the first
/// classify with the 429 the real Claude Code prints; the backoff starts, and the planner's own transient
/// retry waits it out as a stage wait (the stage's name, no task) before its agent starts again.
/// </summary>
public sealed class StageRateLimitTests
{
    [Fact]
    public async Task A_planner_refused_with_a_429_waits_for_the_backoff_before_it_retries()
    {
        using var repo = new ProviderRepo("claude", ["alpha"], """
            limits: { max_attempts: 1, transient_retries: 1, transient_backoff: 0.1s, rate_limit_backoff: 3s, rate_limit_backoff_max: 3s }
            """, planner: "{ provider: claude }");
        var classification = Path.Combine(repo.State, "classification.json");
        File.WriteAllText(classification, """{"kind":"feature","size":"small","single_task":true}""");
        var plan = Path.Combine(repo.State, "plan.json");
        File.WriteAllText(plan, """
            {"summary":"alpha","tasks":[{"id":"alpha","title":"Alpha","description":"Write alpha.txt.","role":"feature","depends_on":[],"owned_paths":["alpha.txt"],"acceptance":["alpha.txt says done"]}]}
            """);

        var result = await repo.BuildAsync(new()
        {
            ["FAKE_MODE"] = "flaky", ["FAKE_FAILS"] = "1", ["FAKE_FAIL_TASKS"] = "feature", // the stages' calls (no task id)
            ["FAKE_OUT_classify"] = classification, ["FAKE_OUT_plan"] = plan,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        var backoff = Assert.Single(repo.EventsOf("provider_backoff"));
        Assert.Equal("claude", (string?)backoff["data"]!["provider"]);
        Assert.Contains("429", (string?)backoff["data"]!["reason"], StringComparison.Ordinal);
        var wait = Assert.Single(repo.EventsOf("rate_limit_wait"));
        Assert.Equal(("classify", null), ((string?)wait["data"]!["stage"], (string?)wait["task"]));
        var waited = Assert.Single(repo.EventsOf("rate_limit_waited"));
        var until = DateTimeOffset.Parse((string)backoff["data"]!["until"]!, CultureInfo.InvariantCulture);
        // ts is kept to the millisecond, `until` rounded up to one: the wait ended no earlier than it.
        Assert.True(DateTimeOffset.Parse((string)waited["ts"]!, CultureInfo.InvariantCulture) >= until.AddMilliseconds(-1), "the retry went before the backoff ended");
        Assert.Single(repo.EventsOf("provider_recovered")); // the retry got through
        Assert.Single(repo.EventsOf("task_merged"));
    }
}
