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
        EndedRun.RequireVerified(run.Journal.Read(), "review");
        EndedRun.Reopen(run, new NewEvent(new ReviewRequested(By)), By);
    }
}
