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
    public void The_launched_program_keeps_its_pid_adopts_orphans_and_has_plain_signals()
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
            grep -E '^(SigIgn|SigBlk):' /proc/$$/status > '{{dir.Path}}/signals'
            kill $orphan
            """;
        var info = new ProcessStartInfo(launcher[0]) { UseShellExecute = false };
        foreach (var arg in launcher.Skip(1).Concat(["sh", "-c", script])) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(dir.File("shell.pid")).Trim()); // exec'd in place
        Assert.Equal(File.ReadAllText(dir.File("shell.pid")).Trim(), File.ReadAllText(dir.File("orphan.ppid")).Trim());                                       // a child subreaper
        var signals = File.ReadAllText(dir.File("signals"));
        Assert.Contains("SigBlk:\t0000000000000000", signals, StringComparison.Ordinal);
        var ignored = Convert.ToUInt64(signals.Split('\n').Single(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim(), 16);
        Assert.Equal(0UL, ignored & (1UL << (13 - 1))); // SIGPIPE (13) not ignored
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
