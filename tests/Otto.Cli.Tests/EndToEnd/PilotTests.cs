using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// The pilot role (scripted `decisions`) at failure boundaries, one test per action: otto records the
/// question (pilot_asked) and the answer (pilot_decided) and carries it out within the limits.
/// </summary>
public sealed class PilotTests
{
    private static readonly Dictionary<string, string> TwoAttempts = new() { ["max_attempts"] = "2" };
    private static readonly Dictionary<string, string> FourAttempts = new() { ["max_attempts"] = "4", ["signature_limit"] = "3" };

    private static OttoProject Project(string decision, IReadOnlyDictionary<string, string> limits, string? bigAttempts = null, bool replan = false) =>
        OttoProject.Create(
            ReplanScenarios.Plan + (replan ? ReplanScenarios.Replan : "") + ReplanScenarios.Tasks(bigAttempts) + ReplanScenarios.Pilot(decision),
            limits, extraYaml: ReplanScenarios.PilotRole);

    private static JsonNode Decided(RunFolder run) => Assert.Single(run.EventsOf("pilot_decided"))["data"]!;

    [Fact]
    public async Task Retry_with_guidance_after_the_same_failure_twice_gives_the_next_attempt_the_guidance()
    {
        using var project = Project("{ action: retry_with_guidance, task: big, guidance: \"write lib/big.sh and test that it exists\", reason: same failure twice }",
            FourAttempts, ReplanScenarios.Failing + "\n" + ReplanScenarios.Failing + "\n" + ReplanScenarios.Passing);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var asked = Assert.Single(run.EventsOf("pilot_asked"))["data"]!;
        Assert.Equal("same_signature", (string?)asked["boundary"]);
        Assert.Equal("big", (string?)asked["task"]);
        Assert.Equal("retry_with_guidance", (string?)Decided(run)["action"]);
        Assert.Equal("pilot", (string?)Decided(run)["by"]);
        Assert.Contains("write lib/big.sh and test that it exists", run.AttemptFile("big", 3, "prompt.md"), StringComparison.Ordinal);
        Assert.DoesNotContain("write lib/big.sh and test that it exists", run.AttemptFile("big", 2, "prompt.md"), StringComparison.Ordinal);
        Assert.Equal(3, run.AttemptCount("big"));
        Assert.True(File.Exists(Path.Combine(run.Dir, "stages", "pilot", "attempt-1", "decision.json")));
    }

    [Fact]
    public async Task Replan_when_a_task_failed_for_good_makes_plan_v2()
    {
        using var project = Project("{ action: replan, reason: big needs another shape }", TwoAttempts, replan: true);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("task_failed", (string?)Assert.Single(run.EventsOf("pilot_asked"))["data"]!["boundary"]);
        Assert.Equal("replan", (string?)Decided(run)["action"]);
        Assert.Equal("pilot", (string?)Assert.Single(run.EventsOf("replan_started"))["data"]!["by"]);
        Assert.Equal(2, (int?)run.Final["plan_version"]);
        Assert.Empty(run.WorktreesLeft()); // the pilot's and the replan's worktrees too, at the successful end
    }

    [Fact]
    public async Task Split_asks_the_planner_to_split_the_task()
    {
        using var project = Project("{ action: split, task: big, reason: it does two things }", TwoAttempts, replan: true);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("split", (string?)Decided(run)["action"]);
        Assert.Equal("big", (string?)Assert.Single(run.EventsOf("replan_started"))["data"]!["split"]);
        var prompt = run.StageFile("replan", 1, "prompt.md");
        Assert.Contains("The pilot asks you to split `big`", prompt, StringComparison.Ordinal);
        Assert.Contains("it does two things", prompt, StringComparison.Ordinal);
        Assert.Equal("succeeded", (string?)run.Final["status"]);
    }

    [Fact]
    public async Task Ask_human_makes_the_task_wait_for_an_answer()
    {
        using var project = Project("{ action: ask_human, task: big, guidance: \"Should big be split in two?\" }", FourAttempts);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 3, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("ask_human", (string?)Decided(run)["action"]);
        var status = JsonNode.Parse((await project.OttoAsync("status", run.Id, "--json")).Stdout)!;
        Assert.Equal("waiting_for_human", (string?)status["status"]);
        var big = status["tasks"]!.AsArray().Single(t => (string?)t!["id"] == "big")!;
        Assert.Equal("waiting_for_human", (string?)big["state"]);
        Assert.Equal("Should big be split in two?", (string?)big["question"]);
        Assert.Equal(2, run.AttemptCount("big"));
    }

    [Fact]
    public async Task Give_up_ends_the_run_with_the_tasks_failure()
    {
        using var project = Project("{ action: give_up, reason: not worth more money }", TwoAttempts, replan: true);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("give_up", (string?)Decided(run)["action"]);
        Assert.Empty(run.EventsOf("replan_started"));
        Assert.Equal("big", (string?)run.Cause["task"]);
        Assert.Equal("verification", (string?)run.Cause["kind"]);
        Assert.Contains(ReplanScenarios.BigFailure, (string?)run.Final["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pilot_asking_for_attempts_past_max_attempts_is_overruled_by_the_rules()
    {
        using var project = Project("{ action: retry_with_guidance, task: big, guidance: try once more }", TwoAttempts, replan: true);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var decided = Decided(run);
        Assert.Equal("replan", (string?)decided["action"]);
        Assert.Equal("rules", (string?)decided["by"]);
        Assert.Contains("a pilot cannot add attempts", (string?)decided["overruled"], StringComparison.Ordinal);
        Assert.Equal(2, run.AttemptCount("big"));
        Assert.Equal(2, (int?)run.Final["plan_version"]);
    }
}
