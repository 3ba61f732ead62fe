namespace Otto.Agents;

/// <summary>One attempt's agent, finished: how the process ended and what its stream said.</summary>
public sealed record AgentOutcome(AgentExit Exit, AgentReport Report, string Provider)
{
    public bool Succeeded => Exit.KilledBy is null && Exit.ExitCode == 0 && Report.Completed && Report.FailureClass is null;
}

/// <summary>The limits one attempt runs under.</summary>
public sealed record AgentLimits(
    TimeSpan StallTimeout,
    TimeSpan AttemptTimeout,
    TimeSpan KillGrace,
    int TransientRetries,
    TimeSpan TransientBackoff)
{
    /// <summary>
    /// How long an agent may go without progress while it says it cannot reach its API before otto stops
    /// it (never longer than the stall timeout): by default long enough for the CLI's own retries to ride
    /// out a short drop (Claude Code's first six retries take about 35 s, codex's five reconnects a few
    /// seconds), short enough that an outage does not hold the run; otto's own transient retries, with
    /// backoff, take over from there.
    /// </summary>
    public TimeSpan OutageWindow { get; init; } = TimeSpan.FromMinutes(1);

    public static AgentLimits From(Config.LimitsConfig limits) =>
        new(limits.StallTimeout, limits.AttemptTimeout, limits.KillGrace, limits.TransientRetries, limits.TransientBackoff) { OutageWindow = limits.OutageTimeout };
}

/// <summary>What the runner tells its caller as the attempt goes, so it can be recorded in the event log.</summary>
public interface IAgentObserver
{
    void Started(AgentProcess process, AgentLaunch launch);

    void Retrying(int retry, string reason, TimeSpan delay);

    /// <summary>An agent a previous driver started (running or already ended) is taken over: that driver may
    /// have died before it recorded the start.</summary>
    void Adopted(Platform.ProcessIdentity identity)
    {
    }
}
