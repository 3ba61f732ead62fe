using System.Reflection;
using System.Runtime.InteropServices;

namespace Otto.Platform;

/// <summary>
/// Makes the agent's wrapper a child subreaper (prctl PR_SET_CHILD_SUBREAPER): a process the agent leaves
/// behind when its parent ends (a daemon that called setsid, a double fork) is reparented to the wrapper
/// instead of to init, so the wrapper can stop it before it records the end. A shell script cannot call
/// prctl, so otto starts itself as `otto __subreaper sh wrapper.sh ...`: that process sets the attribute,
/// restores the signal state a plain program starts with, and execs the wrapper in its place. The pid stays
/// the same, and the attribute survives execve (prctl(2)).
/// </summary>
public static partial class Subreaper
{
    public const string Command = "__subreaper";

    private const int PrSetChildSubreaper = 36;
    private const int SigPipe = 13;
    private const int SigSetMask = 2;

    /// <summary>The argv prefix that runs this very otto in subreaper mode.</summary>
    public static IReadOnlyList<string> Launcher()
    {
        var host = Environment.ProcessPath ?? throw new OttoException("otto cannot tell its own executable (Environment.ProcessPath is unset)", ExitCodes.Environment);
        var entry = Assembly.GetEntryAssembly();
        if (entry?.GetName().Name != "otto")
            throw new OttoException($"agents are started by the otto executable only, not from {entry?.GetName().Name ?? "this host"}", ExitCodes.Environment);
        // Run as `dotnet otto.dll`: the host needs the assembly; as the apphost `otto`: the host is enough.
        return Path.GetFileNameWithoutExtension(host) == "dotnet" && entry.Location.Length > 0 ? [host, entry.Location, Command] : [host, Command];
    }

    /// <summary>Becomes a subreaper and execs argv. Returns only when that fails.</summary>
    public static int Exec(string[] argv)
    {
        if (argv.Length == 0)
        {
            Console.Error.WriteLine($"otto {Command}: nothing to run");
            return ExitCodes.BadInput;
        }
        if (Prctl(PrSetChildSubreaper, 1, 0, 0, 0) != 0)
            Console.Error.WriteLine($"otto {Command}: prctl(PR_SET_CHILD_SUBREAPER) failed (errno {Marshal.GetLastPInvokeError()}); running without it");
        // The .NET runtime ignores SIGPIPE, and an ignored signal stays ignored across execve: give the
        // agent the default, as any program started from a shell has. Nothing is blocked either.
        Signal(SigPipe, IntPtr.Zero);
        var none = new byte[128];
        SigEmptySet(none);
        SigProcMask(SigSetMask, none, IntPtr.Zero);
        ExecVp(argv[0], [.. argv, null]);
        Console.Error.WriteLine($"otto {Command}: could not run {argv[0]} (errno {Marshal.GetLastPInvokeError()})");
        return 127;
    }

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int SigEmptySet(byte[] set);

    [LibraryImport("libc", EntryPoint = "sigprocmask")]
    private static partial int SigProcMask(int how, byte[] set, IntPtr old);

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecVp(string file, string?[] argv);
}
