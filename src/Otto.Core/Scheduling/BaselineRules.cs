using Otto.Config;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// The baseline's part of the decision: start it beside classify and plan; hold every task until it has
/// a result; end the run before any agent works when the base is broken (`environment`) or red and
/// `verify.baseline: require` (`baseline`). With `allow-failing`, a red base lets the run go on.
/// </summary>
public static class BaselineRules
{
    /// <returns>The run's end, when the baseline says so, else null.</returns>
    public static FinishRun? Ending(RunState state, SchedulerPolicy policy)
    {
        if (policy.Baseline == BaselineModes.Off || state.Baseline is not { Finished: true, Passed: false, Failure: { } failure }) return null;
        return failure.Kind == FailureKind.Baseline && policy.Baseline == BaselineModes.AllowFailing ? null : new FinishRun(RunStatus.Failed, failure);
    }

    /// <summary>Start (or keep running) the baseline, for the driver; null when there is nothing to do.</summary>
    public static RunBaseline? Next(RunState state, SchedulerPolicy policy) => policy.Baseline == BaselineModes.Off || state.PlanOnly
        ? null
        : state.Baseline switch
        {
            null => new RunBaseline(1, Continue: false),
            { Finished: false } running => new RunBaseline(running.Attempt, Continue: true),
            _ => null,
        };

    /// <summary>Tasks wait until the base commit's verification has a result.</summary>
    public static bool HoldsTasks(RunState state, SchedulerPolicy policy) =>
        policy.Baseline != BaselineModes.Off && state.Baseline is not { Finished: true };
}
