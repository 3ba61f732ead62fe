using Otto.Platform;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #1 and #7: SIGINT or SIGTERM during an attempt finalizes the run as canceled (final.json,
/// exit 130) and stops the agent's whole process group, grandchildren included.
/// </summary>
public sealed class SignalTests
{
    // The agent starts a grandchild in its own group, then hangs without a word.
    private const string Hang = """
        run: ["sleep 300 &"]
        hang: true
        """;

    [Theory]
    [InlineData(ProcessGroup.SigInt, "SIGINT")]
    [InlineData(ProcessGroup.SigTerm, "SIGTERM")]
    public async Task A_signal_during_an_attempt_cancels_the_run_and_stops_the_agents_process_group(int signal, string name)
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Hang));
        using var otto = project.StartBuild();
        string? pidFile = null;
        await Processes.WaitUntilAsync(() =>
        {
            pidFile = project.RunIds() is [var id] ? Path.Combine(project.RunsDir, id, "tasks", "work", "attempt-1", "pid") : null;
            return pidFile is not null && File.Exists(pidFile);
        }, "the agent's pid file exists");
        var agent = Processes.ReadPidFile(pidFile!);
        await Processes.WaitUntilAsync(() => Processes.GroupMembers(agent).Count >= 3, "the wrapper, the agent and its grandchild run");

        otto.Signal(signal);
        var result = await otto.WaitAsync(OttoProject.Timeout);

        Assert.True(result.ExitCode == 130, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("canceled", (string?)run.Final["status"]);
        Assert.Equal("user", (string?)run.Cause["kind"]);
        Assert.Equal($"interrupted by {name}", (string?)run.Final["reason"]);
        Assert.False(Processes.IsAlive(agent), $"the agent wrapper {agent} is still alive");
        Assert.Empty(Processes.GroupMembers(agent));
        Assert.Single(run.EventsOf("run_finished"));
        Assert.Empty(run.Json("live.json")["attempts"]!.AsArray());
    }
}
