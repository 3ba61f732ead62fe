namespace Otto.Agents;

/// <summary>
/// A provider's shared rate-limit backoff, as an attempt sees it: wait before launching while the provider
/// backs off, report a rate limit, report an agent that got through. The run's log carries it, so every
/// attempt and every otto process of the run shares it.
/// </summary>
public interface IProviderGate
{
    /// <summary>Returns once the provider's backoff is over (at once when there is none). Not agent time:
    /// no attempt timer runs. Throws <see cref="OperationCanceledException"/> when canceled.</summary>
    Task WaitAsync(string provider, CancellationToken ct);

    /// <param name="agentStartedAt">When the refused agent started: one launched before the backoff began
    /// does not make it grow.</param>
    void RateLimited(string provider, RateLimitHit hit, DateTimeOffset agentStartedAt);

    /// <summary>An agent of the provider got through (its API answered): a backoff older than its start ends.</summary>
    void GotThrough(string provider, DateTimeOffset agentStartedAt);
}
