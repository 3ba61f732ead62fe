using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// `otto work RUN`: claims and executes ready tasks until none are left, beside the driver and any
/// other workers, cooperating through the run folder alone. It never plans or finishes the run.
/// </summary>
public sealed class Worker(RunContext run, int concurrency)
{
    public async Task<int> WorkAsync(Interrupt interrupt)
    {
        var host = new JobHost(run, isDriver: false, concurrency);
        try
        {
            while (!interrupt.Token.IsCancellationRequested)
            {
                var (state, _) = host.Step(DateTimeOffset.UtcNow);
                host.Publish(state);
                if (state.IsFinished || (host.RunningJobs == 0 && NothingLeft(state))) break;
                await host.WaitAsync(RunDriver.Tick, interrupt.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
        }
        await host.StopAllAsync().ConfigureAwait(false);
        return interrupt.Token.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Succeeded;
    }

    /// <summary>True when no task can ever be claimed again (all ended or waiting for a human).</summary>
    private static bool NothingLeft(RunState state) =>
        state.PlanVersion > 0 && state.Tasks.All(t => t.IsTerminal || t.Phase == TaskPhase.WaitingForHuman);
}
