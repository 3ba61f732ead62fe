using System.Runtime.InteropServices;

namespace Otto.Bench.Support;

/// <summary>
/// CPU time (user + system) of this process's reaped children, from getrusage(RUSAGE_CHILDREN). The
/// difference around one child's run is that child's CPU time, its own children included: a figure far
/// less disturbed by a busy machine than wall time.
/// </summary>
public static partial class ChildCpu
{
    private const int RusageChildren = -1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long Minflt;
        public long Majflt;
        public long Nswap;
        public long Inblock;
        public long Oublock;
        public long Msgsnd;
        public long Msgrcv;
        public long Nsignals;
        public long Nvcsw;
        public long Nivcsw;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);

    /// <summary>Total CPU milliseconds of all reaped children so far.</summary>
    public static double TotalMs()
    {
        if (GetRusage(RusageChildren, out var usage) != 0) return double.NaN;
        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }
}
