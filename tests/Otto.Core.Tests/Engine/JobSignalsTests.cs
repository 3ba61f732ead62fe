using Otto.Engine;

namespace Otto.Tests.Engine;

/// <summary>The wake-up a job gives its process's scheduling loop when its agent is done, and the verify slots.</summary>
public sealed class JobSignalsTests
{
    [Fact]
    public void A_signal_given_before_the_loop_waits_is_not_lost()
    {
        var signals = new JobSignals(2);

        signals.AgentDone(); // while the loop was deciding, say

        Assert.True(signals.Woken.IsCompleted);
    }

    [Fact]
    public void Once_seen_the_next_wait_waits_for_the_next_agent()
    {
        var signals = new JobSignals(2);
        signals.AgentDone();
        var seen = signals.Woken;

        signals.Rearm(seen);

        Assert.False(signals.Woken.IsCompleted);
        signals.AgentDone();
        Assert.True(signals.Woken.IsCompleted);
    }

    [Fact]
    public void Rearming_on_a_wake_not_yet_given_keeps_it()
    {
        var signals = new JobSignals(2);
        var pending = signals.Woken;

        signals.Rearm(pending); // the loop woke for another reason (a job ended, the tick)
        signals.AgentDone();

        Assert.Same(pending, signals.Woken);
        Assert.True(pending.IsCompleted);
    }

    [Fact]
    public void A_signal_after_the_loop_rearmed_wakes_the_next_wait_only()
    {
        var signals = new JobSignals(2);
        signals.AgentDone();
        var first = signals.Woken;
        signals.Rearm(first);
        var second = signals.Woken;

        signals.AgentDone();
        signals.Rearm(first); // a late rearm for the old wake must not swallow the new one

        Assert.True(second.IsCompleted);
        Assert.Same(second, signals.Woken);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    public void The_verify_slots_are_the_concurrency(int concurrency, int slots)
    {
        Assert.Equal(slots, new JobSignals(concurrency).VerifySlots.CurrentCount);
    }

    [Fact]
    public async Task A_verification_waits_for_a_free_verify_slot_and_gives_it_back()
    {
        var signals = new JobSignals(1);
        var ran = new List<string>();
        var first = new TaskCompletionSource<int>();

        var holding = JobSignals.InVerifySlotAsync(signals, () => { ran.Add("first"); return first.Task; }, CancellationToken.None);
        var waiting = JobSignals.InVerifySlotAsync(signals, () => { ran.Add("second"); return Task.FromResult(2); }, CancellationToken.None);

        // The only slot is taken: the second verification has not begun (its wait is still pending).
        Assert.Equal(["first"], ran);
        Assert.False(waiting.IsCompleted);
        first.SetResult(1);
        Assert.Equal(1, await holding);
        Assert.Equal(2, await waiting);
        Assert.Equal(["first", "second"], ran);
        Assert.Equal(1, signals.VerifySlots.CurrentCount);
    }

    [Fact]
    public async Task A_verification_that_throws_gives_its_slot_back_and_a_canceled_wait_takes_none()
    {
        var signals = new JobSignals(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            JobSignals.InVerifySlotAsync<int>(signals, () => throw new InvalidOperationException("verify broke"), CancellationToken.None));
        Assert.Equal(1, signals.VerifySlots.CurrentCount);

        var held = new TaskCompletionSource<int>();
        var holding = JobSignals.InVerifySlotAsync(signals, () => held.Task, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = JobSignals.InVerifySlotAsync(signals, () => Task.FromResult(2), stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.SetResult(1);
        await holding;

        Assert.Equal(1, signals.VerifySlots.CurrentCount); // neither lost nor given back twice
    }
}
