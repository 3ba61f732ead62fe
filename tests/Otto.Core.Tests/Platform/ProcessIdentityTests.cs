using System.Diagnostics;
using Otto.Platform;

namespace Otto.Tests.Platform;

public sealed class ProcessIdentityTests
{
    [Fact]
    public void This_process_is_alive_and_has_a_start_time()
    {
        Assert.True(ProcessIdentity.Current.StartTime > 0);
        Assert.True(ProcessIdentity.Current.IsAlive());
        Assert.Equal(ProcessIdentity.Current, ProcessIdentity.Of(Environment.ProcessId));
    }

    [Fact]
    public void A_recycled_pid_is_not_our_process()
    {
        var impostor = ProcessIdentity.Current with { StartTime = ProcessIdentity.Current.StartTime + 1 };

        Assert.False(impostor.IsAlive());
    }

    [Fact]
    public void A_process_that_exited_is_not_alive()
    {
        using var child = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        var identity = ProcessIdentity.Of(child.Id);
        child.WaitForExit();

        // Reaped by WaitForExit: the pid is gone (or, rarely, reused by a process with another start time).
        Assert.False((identity ?? new ProcessIdentity(child.Id, 1)).IsAlive());
        Assert.Null(ProcessIdentity.ReadStartTime(-1));
    }
}
