using Otto.Engine;
using Otto.Runs;

namespace Otto.Reviewing;

/// <summary>
/// `otto review RUN`: reopens an ended run whose integration branch was verified, for a review sequence of
/// its own (whatever review.enabled says): the reviewer reviews the verified head, blocker and major
/// findings become fix rounds, bounded by limits.max_review_rounds, and the run ends again, with a new
/// final.json. A run that ended before its branch was verified has nothing a reviewer should read.
/// </summary>
public static class ReviewRequest
{
    public const string By = "otto review";

    public static void Open(RunContext run)
    {
        var state = run.Journal.Read();
        if (!state.IsFinished)
            throw new OttoException($"run {state.RunId} has not ended (it is running, or was interrupted: `otto resume {state.RunId}` first); set review.enabled: true to review runs as they end");
        if (state.IntegrationVerified != true)
        {
            var why = state.Outcome?.Cause is { } cause ? $" ({cause.Kind.Name()}{(cause.Task is null ? "" : $" in task {cause.Task}")})" : "";
            throw new OttoException($"run {state.RunId} ended {state.Status.Name()}{why} before its integration branch was verified; there is nothing verified to review");
        }
        // The earlier ending is history now; the next ending writes final.json anew.
        if (File.Exists(run.Paths.Final)) File.Move(run.Paths.Final, Path.Combine(run.Paths.Dir, "final.previous.json"), overwrite: true);
        // Between the run's end and now the checkout was the user's: watch it from now on.
        Reporting.CheckoutWatch.RecordStart(run.Repo, run.Paths);
        run.Journal.Append(new NewEvent(new ReviewRequested(By)), new NewEvent(new RunResumed(By)));
    }
}
