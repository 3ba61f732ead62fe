using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// Fix-or-replan end to end on the scripted agent: a task that cannot pass until it is split fails for
/// good, the planner's replan stage splits it, and the run succeeds on plan v2 with what v1 merged kept.
/// </summary>
public sealed class ReplanTests
{
    private static readonly Dictionary<string, string> TwoAttempts = new() { ["max_attempts"] = "2" };

    [Fact]
    public async Task A_task_that_must_be_split_is_replanned_and_the_run_succeeds_on_plan_v2()
    {
        using var project = OttoProject.Create(ReplanScenarios.Plan + ReplanScenarios.Replan + ReplanScenarios.Tasks(), TwoAttempts);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        Assert.Equal(2, (int?)run.Final["plan_version"]);
        Assert.Equal(1, (int?)run.Final["replans"]);
        var retired = Assert.Single(run.Final["retired_tasks"]!.AsArray());
        Assert.Equal("big", (string?)retired!["id"]);
        Assert.Equal("failed", (string?)retired["state"]);
        Assert.Equal(2, run.AttemptCount("big"));

        var started = Assert.Single(run.EventsOf("replan_started"));
        Assert.Equal("rules", (string?)started["data"]!["by"]);
        Assert.Equal("big", (string?)Assert.Single(started["data"]!["failed"]!.AsArray()));
        var accepted = run.EventsOf("plan_accepted");
        Assert.Equal([1, 2], accepted.Select(e => (int)e["data"]!["version"]!));
        Assert.Equal("core", (string?)Assert.Single(accepted[1]["data"]!["kept"]!.AsArray()));
        Assert.Equal("big", (string?)Assert.Single(accepted[1]["data"]!["retired"]!.AsArray()));
        var v2 = run.Json("plan-v2.json");
        Assert.Equal(["core", "big-a", "big-b"], v2["tasks"]!.AsArray().Select(t => (string)t!["id"]!));

        // What v1 merged is merged exactly once, and the new tasks land after it.
        Assert.Equal(["core", "big-a", "big-b"], run.EventsOf("task_merged").Select(e => (string)e["task"]!));
        var trailers = project.Repo.Git("log", "--format=%(trailers:key=Otto-Task,valueonly)", run.IntegrationBranch)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, trailers.Count(t => t == "core"));
        Assert.Equal(0, trailers.Count(t => t == "big"));

        // The planner was given the intent, the plan, what merged and the failure verbatim.
        var prompt = run.StageFile("replan", 1, "prompt.md");
        Assert.Contains("make the change the scenario describes", prompt, StringComparison.Ordinal);
        Assert.Contains(ReplanScenarios.BigFailure, prompt, StringComparison.Ordinal);
        Assert.Contains("`core`: Core", prompt, StringComparison.Ordinal);

        var status = await project.OttoAsync("status", run.Id, "--json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(status.Stdout)!;
        Assert.Equal(2, (int?)json["plan_version"]);
        Assert.Equal(["core", "big-a", "big-b"], json["tasks"]!.AsArray().Select(t => (string)t!["id"]!));
        var text = await project.OttoAsync("status", run.Id);
        Assert.Contains("plan:   v2, 1 replan; dropped: big (failed, v1)", text.Stdout, StringComparison.Ordinal);

        // The replan stage's worktree went back to the pool (or away) with the others when the run succeeded.
        Assert.Empty(run.WorktreesLeft());
    }

    [Fact]
    public async Task With_max_replans_0_the_run_fails_with_a_cause_naming_the_limit()
    {
        var limits = new Dictionary<string, string>(TwoAttempts) { ["max_replans"] = "0" };
        using var project = OttoProject.Create(ReplanScenarios.Plan + ReplanScenarios.Replan + ReplanScenarios.Tasks(), limits);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("failed", (string?)run.Final["status"]);
        Assert.Equal("big", (string?)run.Cause["task"]);
        Assert.Equal("max_replans", (string?)run.Cause["limit"]!["name"]);
        Assert.Equal("0", (string?)run.Cause["limit"]!["value"]);
        Assert.Contains(ReplanScenarios.BigFailure, (string?)run.Final["reason"], StringComparison.Ordinal);
        Assert.Empty(run.EventsOf("replan_started"));
        Assert.Equal(0, (int?)run.Final["replans"]);
        Assert.False(Directory.Exists(Path.Combine(run.Dir, "stages", "replan")));
    }

    [Fact]
    public async Task A_replan_the_planner_cannot_answer_ends_the_run_with_the_tasks_own_failure()
    {
        using var project = OttoProject.Create(ReplanScenarios.Plan + ReplanScenarios.Tasks(), TwoAttempts);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("big", (string?)run.Cause["task"]);
        Assert.Equal("verification", (string?)run.Cause["kind"]);
        Assert.Equal("max_attempts", (string?)run.Cause["limit"]!["name"]);
        Assert.Single(run.EventsOf("replan_started"));
        Assert.Equal(2, run.EventsOf("stage_finished").Count(e => (string?)e["data"]!["stage"] == "replan" && e["data"]!["ok"]!.GetValue<bool>() == false));
        Assert.Single(run.EventsOf("plan_accepted"));
    }
}
