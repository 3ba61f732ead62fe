using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// How a provider's backoff grows and ends. A hit from an agent that started after the latest hit was
/// recorded is a new hit: the wait doubles (first, 2x, 4x ... with ±25% jitter, capped). A hit from an agent
/// that was already running then was launched into a limit already known: it may push the end later but
/// does not make the wait grow (siblings refused together, or released together when a backoff ends and
/// refused again, count once). The CLI's own retry-after,
/// when it gives one, replaces the computed wait (still capped). A success ends the backoff only when its
/// agent started after the backoff began. Pure.
/// </summary>
public static class RateLimitRules
{
    /// <param name="jitter">In [0, 1): where in the ±25% band the wait falls.</param>
    public static (DateTimeOffset Until, int Hits) Next(
        ProviderLimit? current, DateTimeOffset agentStartedAt, DateTimeOffset now, TimeSpan? retryAfter, TimeSpan first, TimeSpan max, double jitter)
    {
        var fresh = current is null || agentStartedAt >= current.LastHitAt;
        var hits = current is null ? 1 : fresh ? current.Hits + 1 : current.Hits;
        var wait = retryAfter ?? TimeSpan.FromSeconds(first.TotalSeconds * Math.Pow(2, Math.Min(hits - 1, 30)) * (0.75 + jitter * 0.5));
        if (wait > max) wait = max;
        var until = WholeMilliseconds(now + wait);
        return (current is not null && current.Until > until ? current.Until : until, hits);
    }

    /// <summary>Rounded up to the millisecond, the precision of an event's `ts`: an agent started once the
    /// backoff ended is never recorded as starting before it.</summary>
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset at) =>
        new((at.UtcTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>Whether an agent of the provider that got through ends its backoff.</summary>
    public static bool Clears(ProviderLimit? current, DateTimeOffset agentStartedAt) =>
        current is not null && agentStartedAt >= current.Since;

    /// <summary>
    /// A little extra for one waiting attempt, so the attempts a backoff held back do not all launch in the
    /// same instant when it ends: the first one out may be refused again and move the end before the others
    /// look (up to a tenth of the wait, at most 5 s).
    /// </summary>
    /// <param name="jitter">In [0, 1).</param>
    public static TimeSpan Spread(TimeSpan wait, double jitter) =>
        TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds / 10, 5000) * jitter);

    /// <summary>How long a new agent of the provider must still wait, zero when it may go.</summary>
    public static TimeSpan WaitFor(ProviderLimit? current, DateTimeOffset now) =>
        current is not null && current.Until > now ? current.Until - now : TimeSpan.Zero;
}
