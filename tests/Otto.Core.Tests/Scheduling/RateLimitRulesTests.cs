using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Tests.Scheduling;

/// <summary>How a provider's shared backoff grows, is bounded and ends.</summary>
public sealed class RateLimitRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);
    private const double NoJitter = 0.5; // the middle of the ±25% band

    private static ProviderLimit Limit(DateTimeOffset since, DateTimeOffset until, int hits, DateTimeOffset? lastHit = null) =>
        new("claude", since, lastHit ?? since, until, "429", hits, null);

    [Fact]
    public void Consecutive_hits_double_the_wait_up_to_the_cap()
    {
        ProviderLimit? current = null;
        var waits = new List<double>();
        var now = T0;
        for (var hit = 1; hit <= 7; hit++)
        {
            // Each agent started after the backoff before it ended: a new hit.
            var (until, hits) = RateLimitRules.Next(current, now, now, null, First, Max, NoJitter);
            Assert.Equal(hit, hits);
            waits.Add((until - now).TotalSeconds);
            current = Limit(current?.Since ?? now, until, hits, lastHit: now);
            now = until;
        }

        Assert.Equal([30, 60, 120, 240, 480, 600, 600], waits);
    }

    [Theory]
    [InlineData(0.0, 22.5)]
    [InlineData(0.999999, 37.5)]
    public void Jitter_spreads_the_wait_by_a_quarter_either_way(double jitter, double seconds)
    {
        var (until, _) = RateLimitRules.Next(null, T0, T0, null, First, Max, jitter);

        Assert.Equal(seconds, (until - T0).TotalSeconds, 2);
    }

    [Fact]
    public void Siblings_launched_before_the_backoff_count_once_but_may_push_its_end()
    {
        var current = Limit(T0, T0.AddSeconds(30), 1);

        // A sibling launched a minute before the first hit is refused 10 s later: same limit, no growth.
        var (until, hits) = RateLimitRules.Next(current, T0.AddMinutes(-1), T0.AddSeconds(10), null, First, Max, NoJitter);

        Assert.Equal(1, hits);
        Assert.Equal(T0.AddSeconds(40), until);
    }

    [Fact]
    public void Agents_released_together_and_refused_again_grow_the_wait_once()
    {
        // The backoff began at T0 and ended at T0+30s; two agents launched then, both refused.
        var current = Limit(T0, T0.AddSeconds(30), 1);
        var released = T0.AddSeconds(30);
        var (firstUntil, firstHits) = RateLimitRules.Next(current, released, released.AddSeconds(1), null, First, Max, NoJitter);
        current = Limit(T0, firstUntil, firstHits, lastHit: released.AddSeconds(1));
        var (secondUntil, secondHits) = RateLimitRules.Next(current, released, released.AddSeconds(2), null, First, Max, NoJitter);

        Assert.Equal((2, 2), (firstHits, secondHits));
        Assert.Equal(released.AddSeconds(61), firstUntil);
        Assert.Equal(released.AddSeconds(62), secondUntil); // pushed a second later, not doubled again
    }

    [Fact]
    public void A_hit_never_brings_the_end_earlier()
    {
        var current = Limit(T0, T0.AddMinutes(5), 3);

        var (until, hits) = RateLimitRules.Next(current, T0.AddMinutes(-1), T0.AddSeconds(1), TimeSpan.FromSeconds(2), First, Max, NoJitter);

        Assert.Equal(3, hits);
        Assert.Equal(T0.AddMinutes(5), until);
    }

    [Fact]
    public void The_cli_s_retry_after_replaces_the_computed_wait_within_the_cap()
    {
        var (asked, _) = RateLimitRules.Next(null, T0, T0, TimeSpan.FromSeconds(7), First, Max, NoJitter);
        var (capped, _) = RateLimitRules.Next(null, T0, T0, TimeSpan.FromHours(2), First, Max, NoJitter);

        Assert.Equal(T0.AddSeconds(7), asked);
        Assert.Equal(T0 + Max, capped);
    }

    [Fact]
    public void The_end_is_rounded_up_to_the_millisecond_of_an_event_timestamp()
    {
        var now = T0.AddTicks(1);

        var (until, _) = RateLimitRules.Next(null, now, now, TimeSpan.FromSeconds(1), First, Max, NoJitter);

        Assert.Equal(T0.AddSeconds(1).AddMilliseconds(1), until);
    }

    [Fact]
    public void Only_an_agent_started_after_the_backoff_began_ends_it()
    {
        var current = Limit(T0, T0.AddSeconds(30), 2);

        Assert.True(RateLimitRules.Clears(current, T0.AddSeconds(31)));
        Assert.True(RateLimitRules.Clears(current, T0));
        Assert.False(RateLimitRules.Clears(current, T0.AddSeconds(-5))); // launched into the limit, finished after it
        Assert.False(RateLimitRules.Clears(null, T0));
    }

    [Theory]
    [InlineData(20, 0.5, 1)]
    [InlineData(600, 0.999, 4.995)]
    [InlineData(20, 0, 0)]
    public void Waiting_attempts_are_spread_by_at_most_a_tenth_of_the_wait_and_5_seconds(double waitS, double jitter, double spreadS) =>
        Assert.Equal(spreadS, RateLimitRules.Spread(TimeSpan.FromSeconds(waitS), jitter).TotalSeconds, 3);

    [Fact]
    public void A_new_agent_waits_only_while_the_backoff_runs()
    {
        var current = Limit(T0, T0.AddSeconds(30), 1);

        Assert.Equal(TimeSpan.FromSeconds(20), RateLimitRules.WaitFor(current, T0.AddSeconds(10)));
        Assert.Equal(TimeSpan.Zero, RateLimitRules.WaitFor(current, T0.AddSeconds(30)));
        Assert.Equal(TimeSpan.Zero, RateLimitRules.WaitFor(null, T0));
    }
}
