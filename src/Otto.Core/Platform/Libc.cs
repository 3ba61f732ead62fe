using System.Runtime.InteropServices;

namespace Otto.Platform;

/// <summary>
/// The few POSIX calls .NET does not expose: blocking advisory locks, signals to process groups.
/// FileStream's own locking is non-blocking and takes a shared lock on every open, which is not
/// what a short exclusive run lock needs, so the lock file is opened with open(2) directly.
/// </summary>
internal static partial class Libc
{
    public const int LockShared = 1;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int LockUnlock = 8;

    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigInt = 2;
    public const int SigHup = 1;
    public const int SigStop = 19; // Linux

    public const int ErrorInterrupted = 4;
    public const int ErrorNoSuchProcess = 3;
    public const int ErrorWouldBlock = 11;

    private static readonly int OpenReadWrite = 2;
    private static readonly int OpenCreate = OperatingSystem.IsMacOS() ? 0x200 : 0x40;
    private static readonly int OpenCloseOnExec = OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    public static partial int FDataSync(Microsoft.Win32.SafeHandles.SafeFileHandle fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    public static partial int GetProcessGroup(int pid);

    public const int PriorityProcess = 0; // PRIO_PROCESS: on Linux, `who` may be a thread id

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    public static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    public static partial int GetThreadId();

    private static readonly int OpenNonBlocking = OperatingSystem.IsMacOS() ? 0x4 : 0x800;
    private static readonly int OpenNoFollow = OperatingSystem.IsMacOS() ? 0x100 : 0x20000;

    /// <summary>A file opened to be read without blocking on it (a FIFO) and without following a symlink
    /// (which fails): a descriptor, or -1.</summary>
    public static int OpenToReadAsItIs(string path) => OpenNative(path, OpenNonBlocking | OpenNoFollow | OpenCloseOnExec, 0);

    public static int OpenForLock(string path) =>
        OpenNative(path, OpenReadWrite | OpenCreate | OpenCloseOnExec, Convert.ToInt32("644", 8));
}
