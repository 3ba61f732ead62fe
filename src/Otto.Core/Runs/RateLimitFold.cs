using Otto.Events;

namespace Otto.Runs;

/// <summary>The fold of rate-limit events into <see cref="RunState.RateLimits"/>. Called from <see cref="StateFold"/>.</summary>
public static class RateLimitFold
{
    public static RunState Apply(RunState s, RunEvent e)
    {
        var limits = s.RateLimits;
        return e.Body switch
        {
            ProviderBackoff b => s with
            {
                RateLimits = limits with
                {
                    Backoffs = limits.Of(b.Provider) is { } current
                        ? limits.Backoffs.Replace(current, new ProviderLimit(b.Provider, current.Since, e.Ts, b.Until, b.Reason, b.Hits, b.RetryAfterS))
                        : limits.Backoffs.Add(new ProviderLimit(b.Provider, e.Ts, e.Ts, b.Until, b.Reason, b.Hits, b.RetryAfterS)),
                },
            },
            ProviderRecovered b => s with
            {
                RateLimits = limits with { Backoffs = limits.Backoffs.RemoveAll(l => l.Provider == b.Provider) },
            },
            RateLimitWait b when e.Task is { } task && e.Attempt is { } attempt => s with
            {
                RateLimits = limits with
                {
                    Waiting = limits.Waiting.RemoveAll(w => w.Task == task && w.Attempt == attempt).Add(new RateLimitWaiter(task, attempt, b.Provider, b.Until)),
                },
            },
            RateLimitWaited when e.Task is { } task => s with
            {
                RateLimits = limits with { Waiting = limits.Waiting.RemoveAll(w => w.Task == task && w.Attempt == e.Attempt) },
            },
            _ => s,
        };
    }
}
