using Otto.Runs;

namespace Otto.Scheduling;

// Decisions of fix-or-replan (ReplanRules, PilotRules); recorded by RecoveryEvents.

/// <summary>Start replan round <see cref="Replan"/> (the planner's replan stage follows as a <see cref="RunStage"/>).</summary>
public sealed record BeginReplan(int Replan, IReadOnlyList<string> Failed, DecidedBy By, string? Split) : Decision;

/// <summary>Ask the pilot about a failure boundary (its stage follows as a <see cref="RunStage"/>).</summary>
public sealed record AskPilot(int Consultation, PilotBoundary Boundary, string Key, string? Task) : Decision;

/// <summary>Record a decision at a boundary: the built-in rules', when the pilot gave no valid answer.</summary>
public sealed record DecideBoundary(PilotDecided Decided) : Decision;

/// <summary>How the decisions above are recorded (called by <see cref="DecisionEvents"/>).</summary>
public static class RecoveryEvents
{
    public static IEnumerable<NewEvent> For(RunState state, Decision decision) => decision switch
    {
        BeginReplan begin => [new NewEvent(new ReplanStarted(begin.Replan, state.PlanVersion, begin.Failed, begin.By, begin.Split))],
        AskPilot ask => [new NewEvent(new PilotAsked(ask.Consultation, ask.Boundary, ask.Key, ask.Task), ask.Task)],
        DecideBoundary decided => [new NewEvent(decided.Decided, decided.Decided.Task)],
        _ => [],
    };
}
