namespace Otto.Agents;

/// <summary>How an agent process ended: its exit code (null when it vanished or was killed before
/// the wrapper could record one) and which limit, if any, made otto stop it.</summary>
public sealed record AgentExit(int? ExitCode, string? KilledBy, TimeSpan Duration, DateTimeOffset LastOutputAt)
{
    public const string StallTimeout = "stall_timeout";

    /// <summary>No progress while the agent kept saying it cannot reach its API (see AgentProcess.OutageWindow).</summary>
    public const string NetworkOutage = "network_outage";
    public const string AttemptTimeout = "attempt_timeout";
    public const string Canceled = "canceled";
    public const string Vanished = "vanished";

    /// <summary>The agent ended but its exit status could not be written (the wrapper's write of `exit_code`
    /// left it empty: a full disk). Not a failure of the agent: its work is judged like any other.</summary>
    public const string ExitLost = "exit_status_lost";
}
