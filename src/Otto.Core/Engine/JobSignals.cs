namespace Otto.Engine;

/// <summary>
/// What one process's task jobs share besides the run folder: a wake-up for the process's scheduling loop
/// when an agent is done (its slot is free for the next task now, not at the next tick, since the job itself
/// goes on to verify and integrate), and the process's verify slots (at most `concurrency` verifications at
/// once: tasks past their agent no longer hold a slot, see Scheduling/SlotRules; a best-of round's variants
/// verify in them too, or a round beside tasks past their agent would run up to twice that many).
/// </summary>
public sealed class JobSignals(int concurrency)
{
    private TaskCompletionSource _wake = NewWake();

    public SemaphoreSlim VerifySlots { get; } = new(Math.Max(1, concurrency));

    /// <summary>Completes when an agent is done after the last <see cref="Rearm"/>; already complete when one was.</summary>
    public Task Woken => Volatile.Read(ref _wake).Task;

    public void AgentDone() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>After the loop has seen <paramref name="woken"/> complete: the next wait waits for the next agent.
    /// A signal that comes after this lands on the new one, so none is lost.</summary>
    public void Rearm(Task woken)
    {
        var current = Volatile.Read(ref _wake);
        if (woken.IsCompleted && current.Task == woken) Interlocked.CompareExchange(ref _wake, NewWake(), current);
    }

    /// <summary>Runs <paramref name="verify"/> in one of <paramref name="signals"/>' verify slots, waiting for one
    /// first (no limit without them). A wait canceled takes no slot; the slot is given back however it ends.</summary>
    public static async Task<T> InVerifySlotAsync<T>(JobSignals? signals, Func<Task<T>> verify, CancellationToken ct)
    {
        if (signals is null) return await verify().ConfigureAwait(false);
        await signals.VerifySlots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await verify().ConfigureAwait(false);
        }
        finally
        {
            signals.VerifySlots.Release();
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
