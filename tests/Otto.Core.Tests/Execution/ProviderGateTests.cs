using Otto.Agents;
using Otto.Config;
using Otto.Execution;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Execution;

/// <summary>
/// The shared backoff through a real run folder: what one gate records, another gate (another attempt,
/// another process) reads from the log. Only the provider that was refused waits.
/// </summary>
public sealed class ProviderGateTests
{
    private static readonly LimitsConfig Limits = new() { RateLimitBackoff = TimeSpan.FromSeconds(1), RateLimitBackoffMax = TimeSpan.FromSeconds(1) };

    private static ProviderGate Gate(RunJournal journal, string task, LimitsConfig? limits = null) =>
        new(journal, limits ?? Limits, text => text, task, 1, events => journal.Append(events));

    private static RunJournal Started(RunFolder run)
    {
        var journal = new RunJournal(run.Paths);
        foreach (var e in new EventStream().Started().Plan("api", "docs").Events) journal.Append(new NewEvent(e.Body, e.Task, e.Attempt));
        return journal;
    }

    [Fact]
    public async Task Another_attempt_of_the_refused_provider_waits_until_the_backoff_ends_and_records_its_wait()
    {
        using var run = new RunFolder();
        var journal = Started(run);
        Gate(journal, "api").RateLimited("claude", new RateLimitHit("API Error: 429", null), DateTimeOffset.UtcNow);
        var until = journal.Read().RateLimits.Of("claude")!.Until;

        await Gate(new RunJournal(run.Paths), "docs").WaitAsync("claude", CancellationToken.None);

        Assert.True(DateTimeOffset.UtcNow >= until);
        var state = run.FoldFromDisk();
        Assert.Equal(0, state.RateLimits.WaitingFor("claude"));
        var log = run.EventsText;
        Assert.Contains("\"type\":\"rate_limit_wait\",\"task\":\"docs\"", log, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"rate_limit_waited\",\"task\":\"docs\"", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_provider_is_not_delayed()
    {
        using var run = new RunFolder();
        var journal = Started(run);
        var slow = new LimitsConfig { RateLimitBackoff = TimeSpan.FromMinutes(10), RateLimitBackoffMax = TimeSpan.FromMinutes(10) };
        Gate(journal, "api", slow).RateLimited("claude", new RateLimitHit("API Error: 429", null), DateTimeOffset.UtcNow);
        var before = run.EventsText;

        // Bounded only so that a broken gate fails the test instead of hanging it.
        using var broken = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Gate(journal, "docs", slow).WaitAsync("codex", broken.Token);

        Assert.Equal(before, run.EventsText); // no wait recorded
    }

    [Fact]
    public async Task A_wait_ends_when_canceled()
    {
        using var run = new RunFolder();
        var journal = Started(run);
        var slow = new LimitsConfig { RateLimitBackoff = TimeSpan.FromMinutes(10), RateLimitBackoffMax = TimeSpan.FromMinutes(10) };
        Gate(journal, "api", slow).RateLimited("claude", new RateLimitHit("429", null), DateTimeOffset.UtcNow);
        using var cancel = new CancellationTokenSource();

        var waiting = Gate(journal, "docs", slow).WaitAsync("claude", cancel.Token);
        await Eventually.WaitUntil(() => journal.Read().RateLimits.WaitingFor("claude") == 1, TimeSpan.FromMinutes(1), "the wait to be recorded");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Hits_grow_the_backoff_and_a_later_success_ends_it()
    {
        using var run = new RunFolder();
        var journal = Started(run);
        var gate = Gate(journal, "api", new LimitsConfig { RateLimitBackoff = TimeSpan.FromSeconds(10), RateLimitBackoffMax = TimeSpan.FromMinutes(10) });
        var first = DateTimeOffset.UtcNow;
        gate.RateLimited("claude", new RateLimitHit("429", null), first);
        var since = journal.Read().RateLimits.Of("claude")!.Since;
        gate.RateLimited("claude", new RateLimitHit("529 overloaded", TimeSpan.FromSeconds(30)), since.AddSeconds(1));

        var grown = journal.Read().RateLimits.Of("claude")!;
        Assert.Equal((2, "529 overloaded", 30.0), (grown.Hits, grown.Reason, grown.RetryAfterS));

        gate.GotThrough("claude", since.AddSeconds(-1)); // started before the backoff: proves nothing
        Assert.NotNull(journal.Read().RateLimits.Of("claude"));
        gate.GotThrough("claude", since.AddSeconds(2));
        Assert.Null(journal.Read().RateLimits.Of("claude"));
        gate.GotThrough("claude", since.AddSeconds(3)); // nothing to end: nothing recorded
        Assert.Single(run.EventsText.Split('\n'), l => l.Contains("provider_recovered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stage_agent_waits_for_the_backoff_too_and_its_wait_is_the_stage_s_not_an_attempt_s()
    {
        using var run = new RunFolder();
        var journal = Started(run);
        Gate(journal, "api").RateLimited("claude", new RateLimitHit("API Error: 429", null), DateTimeOffset.UtcNow);
        var until = journal.Read().RateLimits.Of("claude")!.Until;
        var stage = new ProviderGate(journal, Limits, text => text, null, null, events => journal.Append(events), "replan");

        var waiting = stage.WaitAsync("claude", CancellationToken.None);
        await Eventually.WaitUntil(() => run.EventsText.Contains("rate_limit_wait\"", StringComparison.Ordinal), TimeSpan.FromMinutes(1), "the stage's wait to be recorded");
        Assert.Equal(0, new RunJournal(run.Paths).Read().RateLimits.WaitingFor("claude")); // while it waits: not an attempt
        await waiting;

        Assert.True(DateTimeOffset.UtcNow >= until);
        var waits = new EventLog(run.Paths.Events).ReadAll().Where(e => e.Body is RateLimitWait or RateLimitWaited).ToList();
        Assert.Equal(2, waits.Count);
        Assert.All(waits, e => Assert.Null(e.Task));
        Assert.Equal("replan", Assert.IsType<RateLimitWait>(waits[0].Body).Stage);
        Assert.Equal("replan", Assert.IsType<RateLimitWaited>(waits[1].Body).Stage);
        Assert.StartsWith("replan: waits for claude's rate limit until ", Otto.Reporting.EventText.Describe(waits[0]), StringComparison.Ordinal);
        Assert.Equal(0, run.FoldFromDisk().RateLimits.WaitingFor("claude")); // never counted among waiting attempts
    }
}
