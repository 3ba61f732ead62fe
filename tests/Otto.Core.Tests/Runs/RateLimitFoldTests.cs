using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

/// <summary>How provider backoffs and the attempts waiting for them fold into the state, and survive state.json.</summary>
public sealed class RateLimitFoldTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 28, 8, 1, 0, TimeSpan.Zero);

    [Fact]
    public void A_backoff_keeps_when_its_streak_began_and_a_recovery_ends_it()
    {
        var stream = new EventStream().Started().Plan("api", "docs")
            .Add(new ProviderBackoff("claude", Until, "API Error: 429", 1))
            .Add(new ProviderBackoff("codex", Until, "429 Too Many Requests", 1, 20));
        var began = stream.Events[^2].Ts;
        stream.Now = began.AddSeconds(5);
        var grown = stream.Add(new ProviderBackoff("claude", Until.AddMinutes(1), "API Error: 529 overloaded", 2)).Fold();

        var claude = grown.RateLimits.Of("claude")!;
        Assert.Equal((began, Until.AddMinutes(1), 2, "API Error: 529 overloaded"), (claude.Since, claude.Until, claude.Hits, claude.Reason));
        Assert.Equal(began.AddSeconds(5), claude.LastHitAt);
        Assert.Equal(20, grown.RateLimits.Of("codex")!.RetryAfterS);

        var recovered = stream.Add(new ProviderRecovered("claude")).Fold();
        Assert.Null(recovered.RateLimits.Of("claude"));
        Assert.NotNull(recovered.RateLimits.Of("codex"));
    }

    [Fact]
    public void Waiting_attempts_are_counted_per_provider_until_their_wait_ends()
    {
        var stream = new EventStream().Started().Plan("api", "docs")
            .Add(new ProviderBackoff("claude", Until, "429", 1))
            .Add(new RateLimitWait("claude", Until), "api", 1)
            .Add(new RateLimitWait("claude", Until), "docs", 1)
            .Add(new RateLimitWait("claude", Until.AddSeconds(5)), "docs", 1); // the same attempt again (a new owner)

        Assert.Equal(2, stream.Fold().RateLimits.WaitingFor("claude"));
        Assert.Equal(0, stream.Fold().RateLimits.WaitingFor("codex"));
        Assert.Equal(1, stream.Add(new RateLimitWaited("claude", 12.5), "api", 1).Fold().RateLimits.WaitingFor("claude"));
    }

    [Fact]
    public void Backoffs_and_waiting_attempts_survive_a_round_trip_and_a_run_without_them_writes_nothing()
    {
        var state = new EventStream().Started().Plan("api")
            .Add(new ProviderBackoff("claude", Until, "API Error: 429", 3, 7.5))
            .Add(new RateLimitWait("claude", Until), "api", 1).Fold();

        var text = StateJsonWriter.Write(state);
        var back = StateJsonReader.TryRead(text)!;

        Assert.Equal(text, StateJsonWriter.Write(back));
        Assert.Equal(state.RateLimits.Backoffs, back.RateLimits.Backoffs);
        Assert.Equal(state.RateLimits.Waiting, back.RateLimits.Waiting);
        Assert.DoesNotContain("rate_limits", StateJsonWriter.Write(new EventStream().Started().Plan("api").Fold()), StringComparison.Ordinal);
    }
}
