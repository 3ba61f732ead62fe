using Otto.Platform;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #1 and #7: SIGINT, SIGTERM or SIGHUP during an attempt finalizes the run as canceled
/// (final.json, exit 130) and stops the agent's whole process group, grandchildren included.
/// </summary>
public sealed class SignalTests
{
    // The agent writes a file, starts a grandchild in its own group, then waits for it without a word.
    private const string Hang = """
        files: { lib/partial.sh: "echo partial\n" }
        run: ["sleep 300 & wait"]
        """;

    [Theory]
    [InlineData(ProcessGroup.SigInt, "SIGINT")]
    [InlineData(ProcessGroup.SigTerm, "SIGTERM")]
    [InlineData(ProcessGroup.SigHup, "SIGHUP")] // the terminal closed: finalized the same way, exit 130 (docs/cli.md)
    public async Task A_signal_during_an_attempt_cancels_the_run_and_stops_the_agents_process_group(int signal, string name)
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Hang));
        using var otto = project.StartBuild();
        RunFolder? run = null;
        await Processes.WaitUntilAsync(() =>
        {
            run = project.RunIds() is [var id] ? new RunFolder(Path.Combine(project.RunsDir, id)) : null;
            return run is not null && File.Exists(Path.Combine(run.AttemptDir("work", 1), "pid"));
        }, "the agent's pid file exists");
        var agent = Processes.ReadPidFile(Path.Combine(run!.AttemptDir("work", 1), "pid"));
        await Processes.WaitUntilAsync(() => Processes.GroupMembers(agent).Any(p => Processes.CommandLine(p) == "sleep 300"), "the agent's grandchild runs");

        var status = await project.OttoAsync("status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var view = System.Text.Json.Nodes.JsonNode.Parse(status.Stdout)!;
        Assert.Equal("running", (string?)view["status"]);
        Assert.Equal("running", (string?)view["tasks"]![0]!["state"]);
        Assert.Equal(1, (int?)view["tasks"]![0]!["attempts"]);

        otto.Signal(signal);
        var result = await otto.WaitAsync(OttoProject.Timeout);

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal("canceled", (string?)run.Final["status"]);
        Assert.Equal("user", (string?)run.Cause["kind"]);
        Assert.Equal($"interrupted by {name}", (string?)run.Final["reason"]);
        Assert.False(Processes.IsAlive(agent), $"the agent wrapper {agent} is still alive");
        Assert.Empty(Processes.GroupMembers(agent));
        Assert.Single(run.EventsOf("run_finished"));
        // The agent otto stopped was not expected to write a status: no contract problem is reported.
        Assert.All(run.EventsOf("status_ingested"), e => Assert.Null((string?)e["data"]?["error"]));
        Assert.DoesNotContain("status contract problem", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Json("live.json")["attempts"]!.AsArray());
        Assert.Equal("echo partial\n", project.Repo.Show(run.TaskBranch("work"), "lib/partial.sh"));
        Assert.Null(project.Repo.Show(run.IntegrationBranch, "lib/partial.sh"));
    }
}
