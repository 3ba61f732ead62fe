namespace Otto.Agents;

/// <summary>How an agent process ended: its exit code (null when it vanished or was killed before
/// the wrapper could record one) and which limit, if any, made otto stop it.</summary>
public sealed record AgentExit(int? ExitCode, string? KilledBy, TimeSpan Duration, DateTimeOffset LastOutputAt)
{
    public const string StallTimeout = "stall_timeout";
    public const string AttemptTimeout = "attempt_timeout";
    public const string Canceled = "canceled";
    public const string Vanished = "vanished";
}
