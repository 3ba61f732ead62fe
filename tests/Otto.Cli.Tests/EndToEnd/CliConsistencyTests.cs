using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>issue 9 #15: the commands behave alike — optional arguments look optional, RUN defaults to
/// the newest run, `status --watch` exits with the run's code, a planned run says `planned`, and
/// `logs --follow` carries on into the next attempt.</summary>
public sealed class CliConsistencyTests
{
    [Fact]
    public async Task Help_shows_optional_arguments_as_optional_and_names_what_options_take()
    {
        var root = await OttoProcess.RunAsync(Path.GetTempPath(), "--help");
        var demo = await OttoProcess.RunAsync(Path.GetTempPath(), "demo", "--help");
        var plan = await OttoProcess.RunAsync(Path.GetTempPath(), "plan", "--help");

        Assert.True(root.ExitCode == 0, root.ToString());
        foreach (var label in new[] { "build [<intent>]", "plan [<intent>]", "status [<run>]", "logs [<run>] [<task>]", "stop [<run>]", "resume <run>", "answer <run> <task> <text>" })
            Assert.Matches($@"\n  {System.Text.RegularExpressions.Regex.Escape(label)}  +\S", root.Stdout);
        // The descriptions still start in one column.
        var columns = root.Stdout.Split('\n').SkipWhile(l => l != "Commands:").Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Length - l[2..].Split("  ", 2)[1].TrimStart().Length).Distinct().ToList();
        Assert.Single(columns);
        Assert.Contains("--keep <DIR>", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("planned", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Print final.json to stdout at the end", plan.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planned_run_says_planned_everywhere_and_builds_from_there()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));

        var plan = await project.OttoAsync("plan", "plan it first", "--json");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Equal("planned", (string?)JsonNode.Parse(plan.Stdout)!["status"]);
        var run = project.SingleRun();
        var status = await project.OttoAsync("status", "--json");
        Assert.Equal("planned", (string?)JsonNode.Parse(status.Stdout)!["status"]);
        var watch = await project.OttoAsync("status", "--watch");
        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.EndsWith($"run {run.Id}: planned", watch.Stdout.TrimEnd(), StringComparison.Ordinal);
        var runs = await project.OttoAsync("runs");
        Assert.StartsWith($"{run.Id}  planned ", runs.Stdout, StringComparison.Ordinal);

        var built = await project.OttoAsync("build", "--run", run.Id);
        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.Equal("succeeded", (string?)run.Final["status"]);
    }

    [Fact]
    public async Task Status_watch_exits_with_the_failed_runs_code_and_logs_and_stop_default_to_the_newest_run()
    {
        const string failing = """
            output: [still broken]
            files: { "tests/test_work.sh": "echo 'expected 1, got 2'; exit 1\n" }
            """;
        using var project = OttoProject.Create(Scenarios.OneTask("work", failing), new Dictionary<string, string> { ["max_attempts"] = "1" });
        var build = await project.BuildAsync();
        Assert.True(build.ExitCode == 1, build.ToString());
        var run = project.SingleRun();

        var watch = await project.OttoAsync("status", "--watch");
        var events = await project.OttoAsync("logs");
        var task = await project.OttoAsync("logs", "work");
        var stop = await project.OttoAsync("stop");

        Assert.True(watch.ExitCode == 1, watch.ToString());
        Assert.EndsWith($"run {run.Id}: failed", watch.Stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.True(events.ExitCode == 0, events.ToString());
        Assert.Contains($"run {run.Id} started", events.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"work: attempt 1 failed \(verification\): FAIL tests/test_work.sh \(\+\d+ lines\)", events.Stdout);
        Assert.True(task.ExitCode == 0, task.ToString());
        Assert.Contains("==> stdout <==\nstill broken\n", task.Stdout, StringComparison.Ordinal);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains(run.Id, stop.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_follow_carries_on_into_the_fix_attempt_until_the_task_merges()
    {
        const string broken = """
            output: [first try begins, first try ends]
            sleep: 1.5
            files: { "lib/work.sh": "echo wrong\n", "tests/test_work.sh": "[ \"$(sh lib/work.sh)\" = right ] || { echo 'expected right'; exit 1; }\n" }
            status: { outcome: success }
            """;
        const string fixedStep = """
            output: [second try fixes it]
            sleep: 1.5
            files: { "lib/work.sh": "echo right\n" }
            status: { outcome: success }
            """;
        using var project = OttoProject.Create(Scenarios.OneTask("work", broken, fixedStep));
        using var build = project.StartBuild();
        await Eventually.WaitUntil(() => project.RunIds().Count == 1 && Directory.Exists(project.SingleRun().AttemptDir("work", 1)),
            TimeSpan.FromMinutes(1), "attempt 1 of the task to start");

        var follow = await project.OttoAsync("logs", "work", "--follow", "--attempt", "1");
        var built = await build.WaitAsync(OttoProject.Timeout);

        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.True(follow.ExitCode == 0, follow.ToString());
        var text = follow.Stdout;
        var order = new[] { "==> work attempt 1 <==", "first try ends", "==> verify-1.log <==", "expected right", "==> work attempt 2 <==", "second try fixes it", "ok   tests/test_work.sh" }
            .Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), text);
    }
}
