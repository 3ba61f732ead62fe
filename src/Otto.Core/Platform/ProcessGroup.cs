using System.Runtime.InteropServices;

namespace Otto.Platform;

/// <summary>Signals sent to a whole process group: an agent, its children and their children.</summary>
public static class ProcessGroup
{
    /// <summary>True when at least one process of the group still exists.</summary>
    public static bool Exists(int pgid) => pgid > 0 && (Libc.Kill(-pgid, 0) == 0 || Marshal.GetLastPInvokeError() != Libc.ErrorNoSuchProcess);

    public const int SigHup = Libc.SigHup;
    public const int SigStop = Libc.SigStop;
    public const int SigInt = Libc.SigInt;
    public const int SigTerm = Libc.SigTerm;
    public const int SigKill = Libc.SigKill;

    /// <summary>Signals one process (not its group).</summary>
    public static void SignalProcess(int pid, int signal)
    {
        if (pid > 1) Libc.Kill(pid, signal);
    }

    public static void Signal(int pgid, int signal)
    {
        if (pgid <= 1) return; // never signal init or "every process"
        Libc.Kill(-pgid, signal);
    }

    /// <summary>TERM, then KILL after the grace period if anything of the group is left.</summary>
    public static async Task TerminateAsync(int pgid, TimeSpan grace, CancellationToken ct = default)
    {
        if (!Exists(pgid)) return;
        Signal(pgid, Libc.SigTerm);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && Exists(pgid))
        {
            await Task.Delay(25, ct).ConfigureAwait(false);
        }
        if (Exists(pgid)) Signal(pgid, Libc.SigKill);
    }
}
