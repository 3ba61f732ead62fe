using Otto.Runs;

namespace Otto.Replan;

/// <summary>The guidance the pilot gave a task with its latest retry_with_guidance, for the task's next prompt.</summary>
public static class PilotGuidance
{
    public static string? For(RunState state, string taskId) =>
        state.Recovery.Consultations
            .Select(c => c.Decision)
            .LastOrDefault(d => d is { Action: PilotAction.RetryWithGuidance, By: DecidedBy.Pilot, Guidance: not null, Overruled: null } && d.Task == taskId)?.Guidance;
}
