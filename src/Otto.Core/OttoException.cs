namespace Otto;

/// <summary>
/// A problem the user can fix: the message is one sentence naming what and where. Everything else that
/// escapes is a bug, reported in one line (with the trace under --verbose or OTTO_TRACE=1).
/// </summary>
public class OttoException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The exit codes of contracts.md; users' scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Succeeded = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;
    public const int WaitingForHuman = 3;
    public const int Environment = 4;
    public const int Interrupted = 130;
}
