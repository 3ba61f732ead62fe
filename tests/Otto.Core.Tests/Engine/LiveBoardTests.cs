using Otto.Agents;
using Otto.Engine;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Engine;

/// <summary>live.json's agent pid comes from the wrapper's `pid` file, which the wrapper writes in place:
/// a file caught between its creation and its line (or left empty by a full disk) has no pid yet.</summary>
public sealed class LiveBoardTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("4242 99\n", 4242)]
    public void The_agent_pid_is_read_only_from_a_whole_pid_line(string pidFile, int? pid)
    {
        using var dir = new TempDir("otto-live-");
        var paths = new RunPaths(Path.Combine(dir.Path, EventStream.RunId));
        var state = new EventStream().Started().Plan("api").Claim("api", 1, "tok").Fold();
        var files = new AttemptFiles(paths.AttemptDir("api", 1));
        Directory.CreateDirectory(files.Dir);
        File.WriteAllText(files.Heartbeat, """{"stage":"agent","pid":1}""");
        File.WriteAllText(files.Pid, pidFile);

        var board = LiveBoard.Build(paths, state, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);

        var attempt = Assert.Single(board["attempts"]!.AsArray())!;
        Assert.Equal(pid, (int?)attempt["pid"]);
        Assert.Equal("api", (string?)attempt["task"]);
    }
}
