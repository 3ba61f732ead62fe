using System.Reflection;
using System.Runtime.InteropServices;

namespace Otto.Platform;

/// <summary>
/// Makes the agent's wrapper a child subreaper (prctl PR_SET_CHILD_SUBREAPER): a process the agent leaves
/// behind when its parent ends (a daemon that called setsid, a double fork) is reparented to the wrapper
/// instead of to init, so the wrapper can stop it before it records the end. A shell script cannot call
/// prctl, so a launcher sets the attribute, restores the signal state a plain program starts with, and execs
/// the wrapper in its place (the pid stays the same, and the attribute survives execve, prctl(2)). The
/// launcher is a perl one-liner where perl is installed (Debian and Ubuntu always have it: perl-base is essential;
/// it starts in ~3 ms) on x86-64 and arm64, else otto itself (`otto __subreaper`, ~70 ms: a .NET start per
/// agent launch). OTTO_SUBREAPER_LAUNCHER=otto forces the second.
/// </summary>
public static partial class Subreaper
{
    public const string Command = "__subreaper";

    private const int PrSetChildSubreaper = 36;
    private const int SigPipe = 13;
    private const int SigSetMask = 2;

    /// <summary>Names the launcher to use instead of the cheapest one found (`otto`).</summary>
    public const string LauncherVariable = "OTTO_SUBREAPER_LAUNCHER";

    private static readonly Lazy<IReadOnlyList<string>?> Perl = new(PerlLauncher.Find);

    /// <summary>The argv prefix that makes the next program a child subreaper and execs it.</summary>
    public static IReadOnlyList<string> Launcher() => PerlLauncherInUse() ?? OttoLauncher();

    /// <summary>The perl launcher's argv prefix (perl's path first), or null when otto launches itself.</summary>
    public static IReadOnlyList<string>? PerlLauncherInUse() =>
        Environment.GetEnvironmentVariable(LauncherVariable) != "otto" ? Perl.Value : null;

    /// <summary>The argv prefix that runs this very otto in subreaper mode.</summary>
    public static IReadOnlyList<string> OttoLauncher()
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
