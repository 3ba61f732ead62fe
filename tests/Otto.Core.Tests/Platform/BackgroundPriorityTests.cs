using System.Diagnostics;
using Otto.Platform;

namespace Otto.Tests.Platform;

/// <summary>Work ahead of need runs at nice 19, and so do the processes it starts; nothing else does.</summary>
public sealed class BackgroundPriorityTests
{
    [Fact]
    public void A_process_started_by_a_lowered_thread_runs_at_the_lowest_priority_and_others_do_not()
    {
        int? lowered = null, sibling = null;
        var thread = new Thread(() =>
        {
            Assert.True(BackgroundPriority.LowerThisThread());
            lowered = NiceOfAChild();
        });
        thread.Start();
        thread.Join();
        var other = new Thread(() => sibling = NiceOfAChild());
        other.Start();
        other.Join();

        Assert.Equal(BackgroundPriority.Nice, lowered);
        Assert.Equal(NiceOfAChild(), sibling); // the process and its other threads keep their priority
        Assert.NotEqual(BackgroundPriority.Nice, sibling);
    }

    /// <summary>The nice value a child process started from the calling thread runs at, as it reads it itself.</summary>
    private static int NiceOfAChild()
    {
        var info = new ProcessStartInfo("sh", ["-c", "ps -o ni= -p $$"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
