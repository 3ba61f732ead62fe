using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Engine;

/// <summary>
/// `otto work RUN`: claims and executes ready tasks until none are left, beside the driver and any
/// other workers, cooperating through the run folder alone. It never plans or finishes the run.
/// </summary>
public sealed class Worker(RunContext run, int concurrency)
{
    public async Task<int> WorkAsync(Interrupt interrupt)
    {
        Platform.ThreadPoolSize.EnsureFor(SlotRules.InFlightLimit(concurrency));
        var host = new JobHost(run, isDriver: false, concurrency);
        var policy = SchedulerPolicy.From(run.Config);
        FinishRun? pastLimit = null;
        try
        {
            while (!interrupt.Token.IsCancellationRequested)
            {
                var now = DateTimeOffset.UtcNow;
                var (state, _) = host.Step(now);
                host.Publish(state);
                if (state.IsFinished || (host.RunningJobs == 0 && NothingLeft(state))) break;
                // Past a limit nothing new starts; ending the run is its driver's, so the worker leaves.
                if (host.RunningJobs == 0 && !state.IsFinished && Scheduler.PastLimit(state, policy, now) is { } limit)
                {
                    pastLimit = limit;
                    break;
                }
                await host.WaitAsync(RunDriver.Tick, interrupt.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
        }
        await host.StopAllAsync().ConfigureAwait(false);
        if (pastLimit?.Cause is { } cause)
            throw new OttoException($"{cause.Reason}; this worker starts nothing more, and the run's driver ends it (`otto resume {run.Info.RunId}` if none is running)", ExitCodes.RunFailed);
        return interrupt.Token.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Succeeded;
    }

    /// <summary>True when no task can ever be claimed again (all ended or waiting for a human).</summary>
    private static bool NothingLeft(RunState state) =>
        state.PlanVersion > 0 && state.Tasks.All(t => t.IsTerminal || t.Phase == TaskPhase.WaitingForHuman);
}
