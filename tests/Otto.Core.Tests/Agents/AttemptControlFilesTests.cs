using Otto.Agents;

namespace Otto.Tests.Agents;

/// <summary>The wrapper writes `pid` and `exit_code` in place, one line each (no `mv` process per launch
/// and per end): a reader takes either only once its line is whole, so a file caught between its creation
/// and its write reads as not written yet.</summary>
public sealed class AttemptControlFilesTests
{
    [Fact]
    public async Task A_real_launch_leaves_whole_lines_private_output_files_and_no_temp_files()
    {
        using var dir = new TempDir("otto-control-");
        var files = new AttemptFiles(dir.Path);

        var process = await AgentProcess.LaunchAsync(files, ["sh", "-c", "echo out; echo err >&2; exit 3"], dir.Path, new Dictionary<string, string?>(), CancellationToken.None);
        var exit = await process.WatchAsync(new AgentLimits(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 0, TimeSpan.Zero), null, CancellationToken.None);

        Assert.Equal(3, exit.ExitCode);
        Assert.Matches(@"^\d+ \d+\n$", File.ReadAllText(files.Pid));
        Assert.Equal($"{process.Identity.Pid} {process.Identity.StartTime}\n", File.ReadAllText(files.Pid));
        Assert.Equal("3\n", File.ReadAllText(files.ExitCode));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        Assert.Equal("out\n", File.ReadAllText(files.Stdout));
        Assert.Equal("err\n", File.ReadAllText(files.Stderr));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.Stdout));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.Stderr));
        }
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("4242", false)]
    [InlineData("4242 99", false)] // the line's end not written yet
    [InlineData("4242 99\n", true)]
    public void A_pid_line_counts_once_it_is_whole(string pid, bool launched)
    {
        using var dir = new TempDir("otto-control-");
        var files = new AttemptFiles(dir.Path);
        File.WriteAllText(files.Launching, "now");
        File.WriteAllText(files.Pid, pid);

        var state = AgentProcess.Inspect(files);

        Assert.Equal(launched, AgentProcess.Launched(files) is not null);
        // Not whole: still starting (the launch is recent); whole: a process that is not alive has vanished.
        Assert.IsType(launched ? typeof(LaunchState.Vanished) : typeof(LaunchState.Starting), state);
    }

    [Theory]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData("1\n", true)]
    public void An_exit_status_counts_once_its_line_is_whole(string code, bool exited)
    {
        using var dir = new TempDir("otto-control-");
        var files = new AttemptFiles(dir.Path);
        File.WriteAllText(files.Launching, "now");
        File.WriteAllText(files.ExitCode, code);

        Assert.Equal(exited, AgentProcess.Inspect(files) is LaunchState.Exited { Code: 1 });
    }
}
