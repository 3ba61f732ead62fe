using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Otto.Events;

namespace Otto.Runs;

/// <summary>
/// Fix-or-replan as folded from the log: the replan rounds, the tasks earlier plan versions dropped, and
/// every pilot consultation with its decision. Empty for a run that never met a failure boundary.
/// </summary>
public sealed record RecoveryState
{
    public static readonly RecoveryState Empty = new();

    /// <summary>Replan rounds started (replan_started), counted against limits.max_replans.</summary>
    public int Replans { get; init; }

    /// <summary>The round started and not yet answered with an accepted plan, or null.</summary>
    public ReplanRound? OpenReplan { get; init; }

    /// <summary>Replan stage attempts over the whole run (their folders: stages/replan/attempt-N).</summary>
    public int ReplanStageAttempts { get; init; }

    /// <summary>A replan or split the pilot asked for while the task was still retrying; started once nothing runs.</summary>
    public ReplanRequest? RequestedReplan { get; init; }

    /// <summary>Tasks of earlier plan versions that a replan dropped, as they ended.</summary>
    public ImmutableList<RetiredTask> Retired { get; init; } = [];

    public ImmutableList<PilotConsultation> Consultations { get; init; } = [];

    /// <summary>Pilot stage attempts over the whole run (their folders: stages/pilot/attempt-N).</summary>
    public int PilotStageAttempts { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Replans == 0 && OpenReplan is null && RequestedReplan is null && Retired.Count == 0 && Consultations.Count == 0
        && ReplanStageAttempts == 0 && PilotStageAttempts == 0;

    /// <summary>The consultation asked and not yet decided, or null.</summary>
    [JsonIgnore]
    public PilotConsultation? OpenConsultation => Consultations.Count > 0 && Consultations[^1].Decision is null ? Consultations[^1] : null;

    public PilotConsultation? Consultation(string key) => Consultations.FirstOrDefault(c => c.Key == key);
}

/// <param name="FirstAttempt">The stage attempt number this round started with (rounds number their attempts on).</param>
/// <param name="Cause">The failure the run ends with if the round yields no plan.</param>
public sealed record ReplanRound(int Replan, int FirstAttempt, DecidedBy By, string? Split, FailureInfo Cause);

public sealed record ReplanRequest(DecidedBy By, string? Split);

public sealed record RetiredTask(string Id, string Title, TaskPhase Phase, int Attempts, int PlanVersion, FailureInfo? LastFailure);

/// <param name="FirstAttempt">The pilot stage attempt this consultation started with.</param>
public sealed record PilotConsultation(int Number, PilotBoundary Boundary, string Key, string? Task, int FirstAttempt, PilotVerdict? Decision);

/// <param name="Task">The task the decision is about (the pilot may name another than the boundary's).</param>
public sealed record PilotVerdict(PilotAction Action, DecidedBy By, string Outcome, string? Task, string? Guidance, string? Reason, string? Overruled);
