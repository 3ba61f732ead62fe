using Otto.Runs;

namespace Otto.Reporting;

/// <summary>The one state name of a task in `otto status` and final.json, for every situation.</summary>
public static class TaskView
{
    public static readonly IReadOnlyList<string> States =
        ["pending", "ready", "running", "verifying", "merged", "failed", "blocked", "skipped", "waiting_for_human"];

    public static string StateOf(TaskState task, RunState run) => task.Phase switch
    {
        TaskPhase.Merged => "merged",
        TaskPhase.Failed => "failed",
        TaskPhase.Blocked => "blocked",
        TaskPhase.Skipped => "skipped",
        TaskPhase.WaitingForHuman => "waiting_for_human",
        // Waiting for changes it asked other tasks for: not ready, and `otto status` says what it waits on.
        TaskPhase.WaitingForAmendment when !run.IsFinished => "pending",
        TaskPhase.Running when !run.IsFinished => "running",
        TaskPhase.Verifying when !run.IsFinished => "verifying",
        _ when run.IsFinished => task.Attempts > 0 ? "failed" : "skipped",
        _ => task.DependsOn.All(d => run.Task(d)?.Phase == TaskPhase.Merged) ? "ready" : "pending",
    };

    public static IReadOnlyDictionary<string, int> Counts(RunState run)
    {
        var counts = States.ToDictionary(s => s, _ => 0);
        foreach (var task in run.Tasks) counts[StateOf(task, run)]++;
        return counts;
    }
}
