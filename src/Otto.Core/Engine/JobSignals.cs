namespace Otto.Engine;

/// <summary>
/// What one process's task jobs share besides the run folder: a wake-up for the process's scheduling loop
/// when an agent is done (its slot is free for the next task now, not at the next tick, since the job itself
/// goes on to verify and integrate), and the process's verify slots (at most `concurrency` verifications at
/// once: tasks past their agent no longer hold a slot, see Scheduling/SlotRules).
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

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
