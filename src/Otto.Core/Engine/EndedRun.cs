using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// Reopening a run that ended with its integration branch verified, for more work on that branch
/// (`otto review`, `otto pr sync`): the earlier final.json is kept as final.previous.json (the next
/// ending writes it anew), the user's checkout is watched from now on, and the reason and run_resumed are
/// recorded together. A run that has not ended, or ended before its branch was verified, is refused.
/// </summary>
public static class EndedRun
{
    /// <param name="what">What the caller wants to do, for the refusal ("review", "fix PR feedback on").</param>
    public static RunState RequireVerified(RunState state, string what)
    {
        if (!state.IsFinished)
            throw new OttoException($"run {state.RunId} has not ended (it is running, or was interrupted: `otto resume {state.RunId}` first)");
        if (state.IntegrationVerified == true) return state;
        var why = state.Outcome?.Cause is { } cause ? $" ({cause.Kind.Name()}{(cause.Task is null ? "" : $" in task {cause.Task}")})" : "";
        throw new OttoException($"run {state.RunId} ended {state.Status.Name()}{why} before its integration branch was verified; there is nothing verified to {what}");
    }

    public static void Reopen(RunContext run, NewEvent reason, string by)
    {
        if (File.Exists(run.Paths.Final)) File.Move(run.Paths.Final, Path.Combine(run.Paths.Dir, "final.previous.json"), overwrite: true);
        Reporting.CheckoutWatch.RecordStart(run.Repo, run.Paths);
        run.Journal.Append(reason, new NewEvent(new RunResumed(by)));
    }
}
