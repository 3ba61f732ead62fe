namespace Otto.Events;

// Fix-or-replan: replan rounds and the pilot's decisions (docs/run-folder.md).

/// <summary>A replan round begins: counted against limits.max_replans. <see cref="Failed"/> are the tasks
/// that failed for good; <see cref="Split"/> the task the pilot asked to split, when it did.</summary>
public sealed record ReplanStarted(int Replan, int FromVersion, IReadOnlyList<string> Failed, DecidedBy By, string? Split = null) : EventBody;

/// <summary>The pilot role is asked what to do at a failure boundary; <see cref="Key"/> names the boundary so
/// it is asked once per boundary.</summary>
public sealed record PilotAsked(int Consultation, PilotBoundary Boundary, string Key, string? Task = null) : EventBody;

/// <summary>What was decided at a boundary and what otto does about it (<see cref="Outcome"/>, in words).
/// <see cref="Overruled"/> says why the pilot's own answer was not carried out (it asked past a limit, or
/// gave no valid answer) and the built-in rules decided instead.</summary>
public sealed record PilotDecided(
    int Consultation, PilotAction Action, DecidedBy By, string Outcome, string? Task = null, string? Guidance = null,
    string? Reason = null, string? Overruled = null) : EventBody;
