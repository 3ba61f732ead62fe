using System.Diagnostics;
using Otto.Platform;

namespace Otto.Tests.Platform;

/// <summary>The perl launcher does what `otto __subreaper` does: the program it execs (same pid) adopts what
/// its children orphan, and starts with SIGPIPE at its default and nothing blocked, although the .NET
/// process that started it ignores SIGPIPE.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PerlLauncherTests
{
    [Fact]
    public void The_launched_program_keeps_its_pid_and_adopts_orphans()
    {
        // CI installs perl (Debian's perl-base); a machine without it launches with otto itself (EscapedProcessTests).
        var launcher = PerlLauncher.Find();
        Assert.NotNull(launcher);
        using var dir = new TempDir();
        // The shell records its pid, orphans a sleeper (its parent sh exits at once) and reports the sleeper's parent.
        var script = $$"""
            echo $$ > '{{dir.Path}}/shell.pid'
            sh -c 'sleep 30 & echo $! > "$0/orphan.pid"' '{{dir.Path}}'
            orphan=$(cat '{{dir.Path}}/orphan.pid')
            i=0; while [ "$(cut -d' ' -f4 /proc/$orphan/stat)" != $$ ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
            cut -d' ' -f4 /proc/$orphan/stat > '{{dir.Path}}/orphan.ppid'
            kill $orphan
            """;
        var (code, _, pid) = Launch(launcher, ["sh", "-c", script]);

        Assert.Equal(0, code);
        Assert.Equal(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(dir.File("shell.pid")).Trim()); // exec'd in place
        Assert.Equal(File.ReadAllText(dir.File("shell.pid")).Trim(), File.ReadAllText(dir.File("orphan.ppid")).Trim());             // a child subreaper
    }

    [Fact]
    public void The_launched_program_starts_with_SIGPIPE_at_its_default_and_nothing_blocked()
    {
        // grep reads its own status: the signal state it was started with (a shell would show its own, which it
        // changes around every fork).
        var (code, stdout, _) = Launch(PerlLauncher.Find()!, ["grep", "-E", "^(SigIgn|SigBlk):", "/proc/self/status"]);

        Assert.Equal(0, code);
        Assert.Contains("SigBlk:\t0000000000000000", stdout, StringComparison.Ordinal);
        var ignored = Convert.ToUInt64(stdout.Split('\n').Single(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim(), 16);
        Assert.Equal(0UL, ignored & (1UL << (13 - 1))); // SIGPIPE (13) not ignored, although this .NET process ignores it
    }

    private static (int Code, string Stdout, int Pid) Launch(IReadOnlyList<string> launcher, IEnumerable<string> argv)
    {
        var info = new ProcessStartInfo(launcher[0]) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in launcher.Skip(1).Concat(argv)) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, process.Id);
    }

    [Fact]
    public void A_program_that_cannot_run_exits_127_with_a_reason()
    {
        var launcher = PerlLauncher.Find()!;
        var info = new ProcessStartInfo(launcher[0]) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in launcher.Skip(1).Append("/nonexistent/agent")) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(127, process.ExitCode);
        Assert.StartsWith("otto launcher: could not run /nonexistent/agent (No such file or directory)", stderr, StringComparison.Ordinal);
    }
}
