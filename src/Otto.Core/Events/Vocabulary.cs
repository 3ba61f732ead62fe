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
