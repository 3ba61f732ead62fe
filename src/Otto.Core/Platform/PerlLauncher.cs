using System.Runtime.InteropServices;

namespace Otto.Platform;

/// <summary>
/// The cheap subreaper launcher (<see cref="Subreaper"/>): `perl -e SCRIPT -- argv...` calls prctl and
/// rt_sigprocmask by syscall number (perl's built-in `syscall`, no module) and execs argv. The numbers are
/// the kernel's per architecture, so only x86-64 and arm64 get it; anywhere else, or without a perl on PATH,
/// otto launches itself.
/// </summary>
internal static class PerlLauncher
{
    private const int PrSetChildSubreaper = 36;
    private const int SigSetMask = 2;

    public static IReadOnlyList<string>? Find()
    {
        if (!OperatingSystem.IsLinux()) return null;
        // The process's own architecture (perl is assumed to match otto's), not the kernel's: a 32-bit userland
        // on a 64-bit kernel has the 32-bit numbers.
        (int Prctl, int SigProcMask)? numbers = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (157, 14),
            Architecture.Arm64 => (167, 135),
            _ => null,
        };
        if (numbers is not { } n || Engine.Executables.Find("perl") is not { } perl) return null;
        return [perl, "-e", Script(n.Prctl, n.SigProcMask), "--"];
    }

    /// <summary>What otto __subreaper does, in perl: a failed prctl is said and the agent still runs; the
    /// runtime's ignored SIGPIPE and any blocked signal are reset, as a program started from a shell has them.</summary>
    internal static string Script(int prctl, int sigProcMask) => string.Concat(
        FormattableString.Invariant($"syscall({prctl}, {PrSetChildSubreaper}, 1, 0, 0, 0) == 0 or print STDERR \"otto launcher: prctl(PR_SET_CHILD_SUBREAPER) failed ($!); running without it\\n\"; "),
        FormattableString.Invariant($"$SIG{{PIPE}} = \"DEFAULT\"; my $none = \"\\0\" x 8; syscall({sigProcMask}, {SigSetMask}, $none, 0, 8); "),
        "exec { $ARGV[0] } @ARGV or print STDERR \"otto launcher: could not run $ARGV[0] ($!)\\n\"; exit 127;");
}
