namespace Otto.Events;

/// <summary>How a run stands. The first four are recorded; <see cref="Stale"/>, <see cref="Planned"/> and
/// <see cref="Abandoned"/> are what readers conclude (no live driver; a plan-only run; a folder with no log).</summary>
public enum RunStatus
{
    Running,
    WaitingForHuman,
    Succeeded,
    Failed,
    Canceled,
    Stale,
    Planned,
    Abandoned,
}

/// <summary>The run-level pipeline stages, in order.</summary>
public enum Stage
{
    Classify,
    Plan,
    Execute,
    Integrate,

    /// <summary>The reviewer role on the verified integration branch.</summary>
    Review,
    Finished,

    /// <summary>The planner makes a new plan version after a task failed for good (Replan/).</summary>
    Replan,

    /// <summary>The pilot role decides what to do at a failure boundary (Replan/).</summary>
    Pilot,
}

/// <summary>Why something failed; final.json `cause.kind`. Unknown names read as <see cref="Internal"/>.</summary>
public enum FailureKind
{
    Internal,
    Verification,
    Breaker,
    Limit,
    Contract,
    Agent,
    Conflict,
    Ownership,
    User,

    /// <summary>A command or resource the project needs is missing: exit 127, disk full.</summary>
    Environment,

    /// <summary>The project's verification fails on the base commit, before any change.</summary>
    Baseline,

    /// <summary>Run state changed behind otto's back: a moved branch, a forged event or final.json.</summary>
    Integrity,
    Review,
}

public enum TaskRole
{
    Feature,
    Foundation,
    Integration,
}

public enum AttemptKind
{
    Execute,
    Fix,

    /// <summary>A merged task reopened to make amendments other tasks asked for.</summary>
    Amend,
}

/// <summary>What the pilot (or, without one, otto's built-in rules) decided at a failure boundary:
/// `.ai/decision.json` `action`. The first member is the safe reading of a name this version does not know.</summary>
public enum PilotAction
{
    GiveUp,
    RetryWithGuidance,
    Replan,
    Split,
    AskHuman,
}

/// <summary>Where a run meets a failure the pilot is asked about.</summary>
public enum PilotBoundary
{
    /// <summary>A task failed for good (breaker, max_attempts, conflict, ownership) and nothing else runs.</summary>
    TaskFailed,

    /// <summary>A task's attempts failed with the same signature twice.</summary>
    SameSignature,

    /// <summary>A conflict fix left conflict markers behind.</summary>
    Conflict,

    /// <summary>80% of limits.run_budget or limits.max_cost_usd is spent.</summary>
    Budget,
}

/// <summary>Who decided: the pilot role, or otto's built-in rules (no pilot, or no valid answer from it).</summary>
public enum DecidedBy
{
    Rules,
    Pilot,
}
