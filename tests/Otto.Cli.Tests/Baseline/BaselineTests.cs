using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Baseline;

/// <summary>
/// Issue 9, items 7 and 8: the base commit is verified (with setup) while classify and plan run, so a red or
/// broken base ends the run before any agent spends anything; with `allow-failing` only new failures count;
/// the final check prepares its checkout like a task worktree.
/// </summary>
public sealed class BaselineTests
{
    private const string OldFailure = "echo 'FAIL old: expected 6, got 5'; exit 1\n";

    [Fact]
    public async Task A_red_base_ends_the_run_before_any_task_attempt_with_its_own_words()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), files: new Dictionary<string, string> { ["tests/test_old.sh"] = OldFailure });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("baseline", (string?)run.Cause["kind"]);
        var reason = (string)run.Final["reason"]!;
        Assert.Contains("FAIL old: expected 6, got 5", reason, StringComparison.Ordinal);
        Assert.Contains("allow-failing", reason, StringComparison.Ordinal);
        Assert.Equal(0, run.AttemptCount("work"));
        Assert.Empty(run.EventsOf("task_claimed"));
    }

    [Fact]
    public async Task A_missing_test_command_is_an_environment_problem_with_exit_4()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), files: new Dictionary<string, string>
        {
            ["tests/test_unit.sh"] = "uvu tests/ || exit $?\n", // as in a JavaScript project whose dependencies were never installed
        });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 4, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("environment", (string?)run.Cause["kind"]);
        var reason = (string)run.Final["reason"]!;
        Assert.Contains("uvu: not found", reason, StringComparison.Ordinal);
        Assert.Contains("setup.commands", reason, StringComparison.Ordinal);
        Assert.Empty(run.EventsOf("task_claimed"));
    }

    [Fact]
    public async Task With_allow_failing_only_new_failures_count_and_the_base_verdict_is_cached()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), baseline: "allow-failing",
            files: new Dictionary<string, string> { ["tests/test_old.sh"] = OldFailure });

        var first = await project.BuildAsync();
        var second = await project.BuildAsync("the same again");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var runs = project.RunIds().Select(id => new RunFolder(Path.Combine(project.RunsDir, id))).ToList();
        var verify = Assert.Single(runs[0].EventsOf("verify_finished", "work"));
        Assert.True((bool?)verify["data"]!["pre_existing"]);
        Assert.Equal("succeeded", (string?)runs[0].Final["status"]);
        Assert.NotEqual(true, (bool?)Assert.Single(runs[0].EventsOf("baseline_finished"))["data"]!["cached"]);
        Assert.True((bool?)Assert.Single(runs[1].EventsOf("baseline_finished"))["data"]!["cached"]);
    }

    [Fact]
    public async Task A_new_failure_beside_a_pre_existing_one_still_fails_the_task()
    {
        var breaks = $"files: {{ \"lib/work.sh\": \"echo work\\n\", \"tests/test_work.sh\": \"echo 'FAIL new: lib is wrong'; exit 1\\n\" }}";
        using var project = OttoProject.Create(Scenarios.OneTask("work", breaks), baseline: "allow-failing",
            limits: new Dictionary<string, string> { ["max_attempts"] = "1" }, files: new Dictionary<string, string> { ["tests/test_old.sh"] = OldFailure });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("FAIL new: lib is wrong", (string)project.SingleRun().Final["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_runs_in_the_baseline_and_in_the_final_check_like_in_task_worktrees()
    {
        // Like an npm project: the tests need an install step whose result git ignores.
        const string setup = "setup:\n  commands: [\"mkdir -p deps && echo installed > deps/installed\"]\n";
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: setup, files: new Dictionary<string, string>
        {
            [".gitignore"] = "deps/\n",
            ["tests/test_deps.sh"] = "[ -f deps/installed ] || { echo 'deps are not installed (run the install step)'; exit 1; }\n",
        });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.True((bool?)Assert.Single(run.EventsOf("baseline_finished"))["data"]!["passed"]);
        Assert.True((bool?)Assert.Single(run.EventsOf("integration_verified"))["data"]!["passed"]);
        Assert.True(File.Exists(Path.Combine(run.Dir, "stages", "integrate", "attempt-1", "setup-1.log")));
    }

    [Fact]
    public async Task Baseline_off_skips_it()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), baseline: "off",
            files: new Dictionary<string, string> { ["tests/test_old.sh"] = "exit 0\n" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(project.SingleRun().EventsOf("baseline_started"));
    }
}
