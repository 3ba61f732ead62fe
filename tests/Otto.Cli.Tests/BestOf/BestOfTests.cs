using System.Globalization;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.BestOf;

/// <summary>
/// best_of end to end: the variants of a task run in their own worktrees; the first verified one is merged,
/// exactly once; the others stay as alt refs; every variant's cost counts; a round where all fail is one attempt.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // otto runs agents on Linux and macOS only
public sealed class BestOfTests
{
    /// <summary>A command agent writing lib/pick.sh and a test that passes or fails, and logging that it ran.</summary>
    private static string Agent(TempDir dir, string name, bool passes, double sleep = 0)
    {
        var script = dir.File(name + ".sh");
        var test = passes ? "[ -f lib/pick.sh ]" : "echo 'the bad variant broke it'; exit 1";
        File.WriteAllText(script, $$"""
            #!/bin/sh
            echo "{{name}} variant=$OTTO_VARIANT attempt=$OTTO_ATTEMPT worktree=$OTTO_WORKTREE" >> '{{dir.File("ran.log")}}'
            sleep {{sleep.ToString(CultureInfo.InvariantCulture)}}
            mkdir -p lib tests
            echo 'echo {{name}}' > lib/pick.sh
            echo "{{test}}" > tests/test_pick.sh
            echo '{"outcome":"success","summary":"{{name}} did it"}' > "$OTTO_STATUS_FILE"
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static OttoProject BadAndGood(TempDir agents, double goodSleep = 0)
    {
        var bad = Agent(agents, "bad", passes: false);
        var good = Agent(agents, "good", passes: true, goodSleep);
        return OttoProject.Create(Scenarios.OneTaskPlan("pick"), extraYaml:
            $"best_of: 2\nbest_of_providers:\n  - {{ provider: command, command: [\"{bad}\"] }}\n  - {{ provider: command, command: [\"{good}\"] }}\n");
    }

    [Fact]
    public async Task Of_two_command_agents_the_verified_one_is_merged_once_and_the_failed_one_is_kept_as_an_alt_ref()
    {
        using var agents = new TempDir();
        using var project = BadAndGood(agents);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        var ran = File.ReadAllLines(agents.File("ran.log"));
        Assert.Equal(2, ran.Length); // one attempt, both variants, each in its own worktree
        Assert.Contains(ran, l => l.StartsWith("bad variant=1 attempt=1 ", StringComparison.Ordinal));
        Assert.Contains(ran, l => l.StartsWith("good variant=2 attempt=1 ", StringComparison.Ordinal));
        Assert.NotEqual(ran[0].Split("worktree=")[1], ran[1].Split("worktree=")[1]);

        var finished = run.EventsOf("variant_finished", "pick").OrderBy(e => (int)e["data"]!["variant"]!).ToList();
        Assert.Equal(2, finished.Count);
        Assert.False((bool)finished[0]["data"]!["verified"]!);
        Assert.Contains("the bad variant broke it", (string?)finished[0]["data"]!["failure"]!["reason"], StringComparison.Ordinal);
        Assert.True((bool)finished[1]["data"]!["verified"]!);
        var chosen = Assert.Single(run.EventsOf("variant_chosen", "pick"));
        Assert.Equal(2, (int)chosen["data"]!["variant"]!);

        // Merged exactly once, the good variant's work; the bad one kept for audit under its alt ref.
        Assert.Single(run.EventsOf("task_merged", "pick"));
        Assert.Empty(run.EventsOf("attempt_failed", "pick"));
        var trailers = project.Repo.Git("log", "--format=%B", run.IntegrationBranch).Split('\n').Count(l => l == "Otto-Task: pick");
        Assert.Equal(1, trailers);
        Assert.Equal("echo good\n", project.Repo.Show(run.IntegrationBranch, "lib/pick.sh"));
        var alt = $"refs/otto/tasks/{run.Id}/pick/alt-1";
        Assert.Equal("echo bad\n", project.Repo.Show(alt, "lib/pick.sh"));
        Assert.Equal(alt, (string?)chosen["data"]!["alternates"]![0]!["ref"]);
        Assert.Equal(project.Repo.Git("rev-parse", alt).Trim(), (string?)chosen["data"]!["alternates"]![0]!["commit"]);
        Assert.Empty(run.WorktreesLeft()); // the variant's worktree (pick.v2) too, at the successful end
    }

    [Fact]
    public async Task A_round_whose_variants_all_fail_is_one_attempt_and_every_variant_costs()
    {
        // The scripted agent reports $0.25 per run; each variant writes a test that fails, naming its variant.
        const string Failing = """
            run: ["mkdir -p tests && echo \"echo variant $OTTO_VARIANT fails; exit 1\" > tests/test_pick.sh"]
            status: { outcome: success, summary: tried }
            cost_usd: 0.25
            """;
        using var project = OttoProject.Create(Scenarios.OneTask("pick", Failing), limits: new Dictionary<string, string> { ["max_attempts"] = "2" },
            extraYaml: "best_of: 2\n");

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("failed", (string?)run.Final["status"]);
        // max_attempts 2 = two rounds of two variants, not two variants.
        Assert.Equal(2, run.AttemptCount("pick"));
        Assert.Equal(4, run.EventsOf("variant_finished", "pick").Count);
        Assert.Equal(2, run.EventsOf("attempt_failed", "pick").Count);
        Assert.Empty(run.EventsOf("task_merged", "pick"));
        var cause = run.Cause;
        Assert.Equal("pick", (string?)cause["task"]);
        Assert.Equal("max_attempts", (string?)cause["limit"]!["name"]);
        var reason = (string?)run.Final["reason"] ?? "";
        Assert.Contains("all 2 variants failed", reason, StringComparison.Ordinal);
        Assert.Contains("variant 1 fails", reason, StringComparison.Ordinal);
        Assert.Contains("variant 2 fails", reason, StringComparison.Ordinal);

        var variantCosts = run.EventsOf("variant_finished", "pick").Sum(e => (decimal)e["data"]!["cost_usd"]!);
        Assert.Equal(1.00m, variantCosts);
        var stageCosts = run.EventsOf("stage_finished").Sum(e => (decimal?)e["data"]!["cost_usd"] ?? 0m);
        Assert.Equal(variantCosts + stageCosts, decimal.Parse(run.Final["cost_usd"]!.ToJsonString(), CultureInfo.InvariantCulture));
    }

    /// <summary>SIGKILL-style deaths mid-round: after the first variant is recorded (the other's agent still
    /// works, and outlives otto), and after the alt refs are kept but before the choice is recorded.</summary>
    [Theory]
    [InlineData("variant-recorded")]
    [InlineData("variant-refs-kept")]
    public async Task A_driver_killed_mid_round_resumes_without_a_second_agent_a_second_merge_or_losing_the_verified_variant(string crashPoint)
    {
        using var agents = new TempDir();
        using var project = BadAndGood(agents, goodSleep: 2);
        var env = new Dictionary<string, string?> { ["OTTO_CRASH_AT"] = crashPoint };

        var killed = await OttoProcess.RunAsync(project.Root, env, OttoProject.Timeout, "build", "pick the good one");

        Assert.True(killed.ExitCode == 137, killed.ToString());
        var run = project.SingleRun();
        Assert.Empty(run.EventsOf("variant_chosen", "pick"));
        Assert.Equal(crashPoint == "variant-recorded" ? 1 : 2, run.EventsOf("variant_finished", "pick").Count);
        var resumed = await project.OttoAsync("resume", run.Id);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        Assert.Equal(2, File.ReadAllLines(agents.File("ran.log")).Length); // the surviving agent was adopted, not started again
        Assert.Equal([1, 2], run.EventsOf("variant_finished", "pick").Select(e => (int)e["data"]!["variant"]!).Order());
        Assert.Equal(2, (int)Assert.Single(run.EventsOf("variant_chosen", "pick"))["data"]!["variant"]!);
        Assert.Single(run.EventsOf("task_merged", "pick"));
        Assert.Equal("echo good\n", project.Repo.Show(run.IntegrationBranch, "lib/pick.sh"));
        Assert.Equal("echo bad\n", project.Repo.Show($"refs/otto/tasks/{run.Id}/pick/alt-1", "lib/pick.sh"));
    }

    [Fact]
    public async Task A_plan_may_ask_best_of_for_one_task_and_the_others_run_once()
    {
        const string Scenario = """
            plan:
              summary: two tasks, one raced
              tasks:
                - { id: pick, title: Raced, role: foundation, depends_on: [], owned_paths: ["lib/pick.sh", "tests/test_pick.sh"], best_of: 2 }
                - { id: once, title: Single, role: feature, depends_on: [pick], owned_paths: ["lib/once.sh"] }
            tasks:
              pick:
                - run: ["mkdir -p lib tests && echo \"echo $OTTO_VARIANT\" > lib/pick.sh && echo \"[ $OTTO_VARIANT = 2 ]\" > tests/test_pick.sh"]
                  status: { outcome: success, summary: raced }
              once:
                - files: { "lib/once.sh": "echo once\n" }
                  status: { outcome: success, summary: once }
            """;
        using var project = OttoProject.Create(Scenario);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal(2, run.EventsOf("variant_finished", "pick").Count);
        Assert.Equal(2, (int)Assert.Single(run.EventsOf("variant_chosen", "pick"))["data"]!["variant"]!);
        Assert.Equal("echo 2\n", project.Repo.Show(run.IntegrationBranch, "lib/pick.sh"));
        Assert.Empty(run.EventsOf("variant_finished", "once"));
        Assert.Single(run.EventsOf("attempt_started", "once"));
        Assert.Single(run.EventsOf("task_merged", "once"));
    }

    [Fact]
    public async Task With_a_reviewer_configured_the_reviewer_picks_among_the_verified_variants()
    {
        using var agents = new TempDir();
        var first = Agent(agents, "first", passes: true);
        var second = Agent(agents, "second", passes: true);
        var reviewer = agents.File("choose.sh");
        File.WriteAllText(reviewer, $$"""
            #!/bin/sh
            grep -c '^## Variant' > '{{agents.File("variants-shown")}}' < "$OTTO_PROMPT_FILE" 2>/dev/null || true
            echo '{"variant": 2, "reason": "the second one reads better"}' > "$OTTO_OUTPUT_FILE"
            """);
        File.SetUnixFileMode(reviewer, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var project = OttoProject.Create(Scenarios.OneTaskPlan("pick"), extraYaml:
            $"best_of: 2\nbest_of_providers:\n  - {{ provider: command, command: [\"{first}\"] }}\n  - {{ provider: command, command: [\"{second}\"] }}\n"
            + $"roles:\n  reviewer: {{ provider: command, command: [\"{reviewer}\"] }}\n");

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var chosen = Assert.Single(run.EventsOf("variant_chosen", "pick"));
        Assert.Equal(2, (int)chosen["data"]!["variant"]!);
        Assert.Equal("reviewer", (string?)chosen["data"]!["by"]);
        Assert.Equal("the second one reads better", (string?)chosen["data"]!["reason"]);
        Assert.Equal("echo second\n", project.Repo.Show(run.IntegrationBranch, "lib/pick.sh"));
        Assert.Equal("echo first\n", project.Repo.Show($"refs/otto/tasks/{run.Id}/pick/alt-1", "lib/pick.sh"));
        Assert.Single(run.EventsOf("task_merged", "pick"));
        Assert.True(File.Exists(Path.Combine(run.Dir, "tasks", "pick", "attempt-1", "choice", "choice.json")));
        Assert.Equal("2", File.ReadAllText(agents.File("variants-shown")).Trim()); // both verified variants were shown
    }
}
