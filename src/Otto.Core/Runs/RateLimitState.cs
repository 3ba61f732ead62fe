using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Otto.Runs;

/// <summary>
/// Providers backing off after a rate limit, and the attempts waiting for them, as folded from the log
/// (provider_backoff, provider_recovered, rate_limit_wait, rate_limit_waited). Shared by every process
/// working on the run because the log is. Empty for a run that never met a rate limit.
/// </summary>
public sealed record RateLimitState
{
    public static readonly RateLimitState Empty = new();

    /// <summary>One per provider that was refused and has not succeeded since.</summary>
    public ImmutableList<ProviderLimit> Backoffs { get; init; } = [];

    /// <summary>Attempts that started waiting for a backoff and have not recorded its end.</summary>
    public ImmutableList<RateLimitWaiter> Waiting { get; init; } = [];

    [JsonIgnore]
    public bool IsEmpty => Backoffs.Count == 0 && Waiting.Count == 0;

    public ProviderLimit? Of(string provider) => Backoffs.FirstOrDefault(b => b.Provider == provider);

    /// <summary>Attempts waiting for this provider now.</summary>
    public int WaitingFor(string provider) => Waiting.Count(w => w.Provider == provider);
}

/// <param name="Since">When the current streak of hits began (its first provider_backoff): the success of an
/// agent that started before it does not end the backoff.</param>
/// <param name="LastHitAt">When the latest hit was recorded: an agent that started before it was launched into
/// a limit already known, so its own hit does not make the wait grow (siblings refused together count once).</param>
/// <param name="Hits">Hits since the provider last got through.</param>
public sealed record ProviderLimit(string Provider, DateTimeOffset Since, DateTimeOffset LastHitAt, DateTimeOffset Until, string Reason, int Hits, double? RetryAfterS);

public sealed record RateLimitWaiter(string Task, int Attempt, string Provider, DateTimeOffset Until);
