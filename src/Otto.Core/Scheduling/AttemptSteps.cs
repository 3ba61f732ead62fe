using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>What a claimed attempt does next, from how far the log says it got. A new owner after a
/// crash asks the same question and continues without repeating or skipping a step.</summary>
public static class AttemptSteps
{
    public static AttemptAction Next(TaskState task) => task.Step switch
    {
        AttemptStep.Claimed or AttemptStep.Started => AttemptAction.RunAgent,
        AttemptStep.Finished => AttemptAction.Ingest,
        AttemptStep.Committed => AttemptAction.Verify,
        AttemptStep.Verified => AttemptAction.Integrate,
        _ => AttemptAction.Done,
    };
}

public enum AttemptAction
{
    /// <summary>Start the agent, or adopt the one still running, or ingest the exit it left.</summary>
    RunAgent,

    /// <summary>Read the status file, commit the agent's changes, judge the attempt.</summary>
    Ingest,
    Verify,
    Integrate,

    /// <summary>The attempt ended (failed, merged, waiting for a human): nothing left to do.</summary>
    Done,
}
