namespace Otto.Events;

// A provider's rate limit, shared by every attempt and every `otto work` process of the run.

/// <summary>An agent of <see cref="Provider"/> was refused for a rate limit (429, 529/overloaded, rate_limit,
/// RESOURCE_EXHAUSTED): no new agent of that provider starts before <see cref="Until"/>. <see cref="Hits"/>
/// counts the hits since the provider last succeeded (the wait grows with it); <see cref="Reason"/> is the line
/// the CLI printed; <see cref="RetryAfterS"/> is the wait the CLI asked for, when it named one.</summary>
public sealed record ProviderBackoff(string Provider, DateTimeOffset Until, string Reason, int Hits, double? RetryAfterS = null) : EventBody;

/// <summary>An agent of <see cref="Provider"/> that started after the backoff got through: the backoff is over
/// and the next hit starts again from limits.rate_limit_backoff.</summary>
public sealed record ProviderRecovered(string Provider) : EventBody;

/// <summary>The attempt (the event's task and attempt) or the stage (<see cref="Stage"/>: classify, plan,
/// replan, pilot, review, choose) waits for its provider's backoff before it launches its agent (not agent
/// time: no timeout runs, no attempt is spent).</summary>
public sealed record RateLimitWait(string Provider, DateTimeOffset Until, string? Stage = null) : EventBody;

/// <summary>The wait is over; <see cref="WaitedS"/> says how long it was.</summary>
public sealed record RateLimitWaited(string Provider, double WaitedS, string? Stage = null) : EventBody;
