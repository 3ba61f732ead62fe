using Otto.Platform;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// What `otto status` says about a run: one defined status for every situation, including `stale`
/// (no live driver and no final.json). Built from the log and a lock probe; changes nothing.
/// </summary>
public static class StatusView
{
    public static RunStatus StatusOf(RunPaths paths, RunState state) => StatusAndDriver(paths, state).Status;

    /// <summary>The status, and whether a driver drives the run now (never, for a finished run): one probe of the
    /// driver lock for both.</summary>
    public static (RunStatus Status, bool Driven) StatusAndDriver(RunPaths paths, RunState state)
    {
        var driven = !state.IsFinished && FileLock.IsHeld(paths.DriverLock);
        return (state.IsFinished ? state.Status : StatusOf(state, driven), driven);
    }

    /// <summary>The status given whether a driver holds the run's driver lock.</summary>
    public static RunStatus StatusOf(RunState state, bool driverAlive)
    {
        if (state.IsFinished) return state.Status;
        var waiting = state.Tasks.Any(t => t.Phase == TaskPhase.WaitingForHuman)
            && state.Tasks.All(t => t.Claim is null);
        if (waiting) return RunStatus.WaitingForHuman;
        // Made by `otto plan` (or --plan-only), its plan ready and not built yet: it waits for
        // `otto build --run ID`, not for an answer.
        if (state.PlanOnly && state.PlanVersion > 0 && !driverAlive) return RunStatus.Planned;
        return driverAlive ? RunStatus.Running : RunStatus.Stale;
    }

    /// <summary>The exit code that goes with a status: a finished run's (contracts.md), 3 while it waits
    /// for an answer, 0 for a plan ready to build, 1 for a run nothing drives any more.</summary>
    public static int ExitCodeOf(RunStatus status) => status switch
    {
        RunStatus.Succeeded or RunStatus.Planned => ExitCodes.Succeeded,
        RunStatus.Canceled => ExitCodes.Interrupted,
        RunStatus.WaitingForHuman => ExitCodes.WaitingForHuman,
        _ => ExitCodes.RunFailed,
    };

    /// <summary>A finished run's exit code: one that failed because the environment lacks what the project
    /// needs (a missing command, a full disk) is 4, not 1: no agent could have done better.</summary>
    public static int ExitCodeOf(RunState state) =>
        state.Status == RunStatus.Failed && state.Outcome?.Cause?.Kind == FailureKind.Environment ? ExitCodes.Environment : ExitCodeOf(state.Status);

    /// <summary>The `otto status --json` document (<see cref="StatusJson"/>).</summary>
    public static string JsonText(RunPaths paths, RunState state)
    {
        var now = DateTimeOffset.UtcNow;
        var (status, driven) = StatusAndDriver(paths, state);
        var tail = StatusJson.Tail(SpendText.RunSeconds(state, now), RateLimitView.Active(state, now).Any() ? w => RateLimitView.Write(w, state, now) : null,
            CheckoutWatch.Shown(paths, driven, now));
        return StatusDocument.Compose(StatusJson.HeadOf(state, status), status.Name(), tail);
    }

    /// <summary>`otto status` (JSON or text) from <see cref="StatusViewFile"/> when it is current, else null.</summary>
    public static string? FromViewFile(RunPaths paths, bool json)
    {
        if (StatusViewFile.TryRead(paths) is not { } view) return null;
        var driven = FileLock.IsHeld(paths.DriverLock);
        var status = driven ? view.IfDriven : view.IfNot;
        // A driver that ended between the read and the probe grew the log first, or (a full disk) wrote
        // final.json without it: then the view is not it.
        if (!StatusViewFile.IsCurrent(paths, view)) return null;
        var now = DateTimeOffset.UtcNow;
        var seconds = SpendText.RunSeconds(view.CreatedAt, null, now);
        var checkout = CheckoutWatch.Shown(paths, driven, now);
        return json
            ? StatusDocument.Compose(view.Head, status, StatusDocument.SimpleTail(seconds, checkout) ?? WrittenTail(seconds, checkout))
            : StatusText.Compose(view.RunId, status, view.Parts, seconds, finished: false, rateLimits: "", CheckoutWatch.Warning(checkout));
    }

    /// <summary>Apart, so that showing the view compiles no call that names a System.Text.Json type unless
    /// it needs one (that assembly's load is a measurable part of a status).</summary>
    private static string WrittenTail(double seconds, IReadOnlyList<string>? checkout) => StatusJson.Tail(seconds, rateLimits: null, checkout);
}
