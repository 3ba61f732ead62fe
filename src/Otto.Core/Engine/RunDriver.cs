using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Execution;
using Otto.Platform;
using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Engine;

/// <summary>
/// Drives a run to its end: one driver per run (an OS lock says so), a loop of stateless steps, and
/// final.json on every ending: success, failure, a limit, an internal error, SIGINT or SIGTERM.
/// </summary>
/// <param name="driveOnly">Plan, check the integration branch and finish, but leave every task attempt to
/// `otto work` processes (a coordinator on a small machine, workers elsewhere).</param>
public sealed class RunDriver(RunContext run, bool driveOnly = false)
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    public async Task<int> DriveAsync(Interrupt interrupt)
    {
        // Waited for a moment: a status probing the lock, or a git process forked while the run's creation held it,
        // holds it for no longer, and the run would otherwise fail as "already driven" right after being created.
        using var driverLock = await FileLock.TryAcquireWithinAsync(run.Paths.DriverLock, TimeSpan.FromSeconds(1)).ConfigureAwait(false)
            ?? throw new OttoException($"run {run.Info.RunId} is already being driven by another otto process{DriverPid()}; watch it with `otto status {run.Info.RunId}`");
        File.WriteAllText(run.Paths.DriverJson, new JsonObject
        {
            ["pid"] = Environment.ProcessId,
            ["start_time"] = ProcessIdentity.Current.StartTime,
            ["host"] = ProcessIdentity.HostName,
            ["started_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        }.ToJsonString() + "\n");

        RunStartRecovery.EnsureStarted(run);
        var initial = run.Journal.Read();
        Reporting.CheckoutLookFile.Remove(run.Paths); // a killed driver's last look: not this driver's
        if (initial.IsFinished) return RunFinisher.WriteFinal(run, initial);
        await using var looker = CheckoutLooker.StartFor(run.Paths);

        Warmup.Start(run.Prompts);
        ThreadPoolSize.EnsureFor(Scheduling.SlotRules.InFlightLimit(run.Config.Concurrency));
        if (initial.PlanVersion == 0) WorktreeRecycler.FillSparesInBackground(run, run.Config.Concurrency - 1);
        var host = new JobHost(run, isDriver: true, driveOnly ? 0 : run.Config.Concurrency);
        var toppedUp = false;
        try
        {
            while (!interrupt.Token.IsCancellationRequested)
            {
                var (state, decisions) = host.Step(DateTimeOffset.UtcNow);
                host.Publish(state);
                toppedUp = toppedUp || TopUpSpares(state);
                LiveBoard.Write(run.Paths, state, run.Config.Limits.LeaseTimeout);
                if (state.IsFinished)
                {
                    await host.StopAllAsync().ConfigureAwait(false);
                    return RunFinisher.WriteFinal(run, run.Journal.Read());
                }
                if (decisions.OfType<FinishRun>().FirstOrDefault() is { } finish)
                {
                    await host.StopAllAsync().ConfigureAwait(false);
                    var code = RunFinisher.Finish(run, finish.Status, finish.Cause);
                    host.Publish(run.Journal.Read());
                    return code;
                }
                if (decisions.OfType<WaitForHuman>().FirstOrDefault() is { } wait)
                {
                    run.Observer.Note($"waiting for a human answer on {string.Join(", ", wait.TaskIds)}: `otto answer {run.Info.RunId} TASK \"...\"`, then `otto resume {run.Info.RunId}`");
                    run.Journal.SaveCache();
                    return ExitCodes.WaitingForHuman;
                }
                if (decisions.OfType<PlanReady>().Any())
                {
                    run.Journal.SaveCache();
                    return ExitCodes.Succeeded;
                }
                await host.WaitAsync(Tick, interrupt.Token).ConfigureAwait(false);
                if (host.DiskFull is { } full) throw full;
            }
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
        }
        catch (Exception error) when (DiskFull.Is(error) || host.DiskFull is not null)
        {
            await host.StopAllAsync().ConfigureAwait(false);
            return RunFinisher.FinishForEnvironment(run, DiskFull.Reason($"in {run.Paths.Dir} or its worktrees"));
        }
        catch (Exception error) when (error is not OttoException)
        {
            await host.StopAllAsync().ConfigureAwait(false);
            var cause = new FailureInfo(FailureKind.Internal, $"otto hit an internal error: {error.GetType().Name}: {error.Message}");
            RunFinisher.Finish(run, RunStatus.Failed, cause);
            throw;
        }

        await host.StopAllAsync().ConfigureAwait(false);
        var signal = interrupt.Signal ?? "SIGINT";
        var canceled = RunFinisher.Finish(run, RunStatus.Canceled, new FailureInfo(FailureKind.User, $"interrupted by {signal}"));
        host.Publish(run.Journal.Read());
        return canceled;
    }

    /// <summary>
    /// Once the plan is known and the first tasks' agents run: spares for as many tasks as may be in flight at once. The run's start made
    /// `concurrency - 1` (with the planner's, one worktree per agent), but a task past its agent holds none
    /// (Scheduling/SlotRules), so the next task starts while the one before verifies and merges, before its
    /// worktree is free to take over: up to twice `concurrency` worktrees in use, and never more than the
    /// plan's widest layer (a chain, or a one-task plan, gets none). At nice 19 like the others.
    /// </summary>
    /// <returns>False while it is too early (no plan yet, or a claimed task still getting its worktree: the
    /// spares it takes are made at the same priority, and would share the CPU with these).</returns>
    private bool TopUpSpares(RunState state)
    {
        var claimed = state.Tasks.Where(t => t.Claim is not null).ToList();
        if (state.PlanVersion == 0 || state.PlanOnly || state.IsFinished || claimed.Count == 0 || claimed.Any(t => t.Step < AttemptStep.Started)) return false;
        var concurrency = run.Config.Concurrency;
        var worktrees = Scheduling.SlotRules.WorktreesAtOnce(state, concurrency);
        if (worktrees > concurrency) WorktreeRecycler.FillSparesInBackground(run, worktrees - concurrency, first: concurrency);
        return true;
    }

    private string DriverPid()
    {
        try
        {
            var pid = (int?)JsonNode.Parse(File.ReadAllText(run.Paths.DriverJson))?["pid"];
            return pid is null ? "" : $" (pid {pid})";
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return "";
        }
    }
}
