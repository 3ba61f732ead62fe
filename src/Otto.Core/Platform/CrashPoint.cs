namespace Otto.Platform;

/// <summary>
/// Named moments where a test can make otto die as if killed with SIGKILL (`OTTO_CRASH_AT=name`): the
/// gaps between two writes that a random kill hits only now and then (reliability.md row 1). Nothing
/// happens unless that variable names the point.
/// </summary>
public static class CrashPoint
{
    private const int SigKill = 9;

    public static void Here(string name)
    {
        if (Environment.GetEnvironmentVariable("OTTO_CRASH_AT") != name) return;
        Libc.Kill(Environment.ProcessId, SigKill);
        Thread.Sleep(Timeout.Infinite);
    }
}
