using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #9 and #15: liveness is not progress. A silent agent is stopped at stall_timeout and the
/// run names that limit; a slow agent that keeps talking outlives stall_timeout and succeeds.
/// </summary>
public sealed class StallTests
{
    [Fact]
    public async Task A_silent_agent_is_stopped_at_stall_timeout_and_the_limit_is_named()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", "hang: true"),
            new Dictionary<string, string> { ["stall_timeout"] = "1s", ["max_attempts"] = "1" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        var finished = Assert.Single(run.EventsOf("attempt_finished", "work"));
        Assert.Equal("stall_timeout", (string?)finished["data"]!["killed_by"]);
        Assert.Equal("failed", (string?)run.Final["status"]);
        Assert.Equal("limit", (string?)run.Cause["kind"]);
        Assert.Equal("stall_timeout", (string?)run.Cause["limit"]!["name"]);
        Assert.Equal("1s", (string?)run.Cause["limit"]!["value"]);
        Assert.Contains("limits.stall_timeout", (string?)run.Final["reason"], StringComparison.Ordinal);
        var agent = Processes.ReadPidFile(Path.Combine(run.AttemptDir("work", 1), "pid"));
        Assert.Empty(Processes.GroupMembers(agent));

        var status = await project.OttoAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("limit stall_timeout = 1s", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_agent_that_keeps_printing_outlives_stall_timeout()
    {
        // Eight lines 0.3 s apart: 2.4 s in all, more than twice the 1 s stall_timeout.
        var talkative = Scenarios.PassingWork("work",
            "output: [compiling, linking, testing 1, testing 2, testing 3, testing 4, testing 5, done]\nsleep: 2.4");
        using var project = OttoProject.Create(Scenarios.OneTask("work", talkative),
            new Dictionary<string, string> { ["stall_timeout"] = "1s", ["max_attempts"] = "1" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var finished = Assert.Single(run.EventsOf("attempt_finished", "work"));
        Assert.Null((string?)finished["data"]!["killed_by"]);
        Assert.Equal(0, (int?)finished["data"]!["exit_code"]);
        Assert.True((double?)finished["data"]!["duration_s"] > 1.0, "the agent should have run longer than stall_timeout");
        Assert.Contains("testing 5\ndone\n", run.AttemptFile("work", 1, "stdout.log"), StringComparison.Ordinal);
    }
}
