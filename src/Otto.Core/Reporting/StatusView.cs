using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Platform;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// What `otto status` says about a run: one defined status for every situation, including `stale`
/// (no live driver and no final.json). Built from the log and a lock probe; changes nothing.
/// </summary>
public static class StatusView
{
    public static string RunStatus(RunPaths paths, RunState state)
    {
        if (state.IsFinished) return state.Status;
        var driverAlive = FileLock.IsHeld(paths.DriverLock);
        var waiting = state.Tasks.Any(t => t.Phase == TaskPhase.WaitingForHuman)
            && state.Tasks.All(t => t.Claim is null);
        if (waiting || (state.PlanOnly && state.PlanVersion > 0 && !driverAlive)) return RunStatuses.WaitingForHuman;
        return driverAlive ? RunStatuses.Running : RunStatuses.Stale;
    }

    public static JsonObject Json(RunPaths paths, RunState state)
    {
        var status = RunStatus(paths, state);
        var tasks = new JsonArray();
        foreach (var task in state.Tasks)
        {
            tasks.Add(new JsonObject
            {
                ["id"] = task.Id,
                ["state"] = TaskView.StateOf(task, state),
                ["attempts"] = task.Attempts,
                ["branch"] = task.Branch,
                ["title"] = task.Title,
                ["depends_on"] = EventData.Strings(task.DependsOn),
                ["cost_usd"] = task.CostUsd,
                ["tokens"] = Tokens(task.Tokens),
                ["session_id"] = task.SessionId,
                ["reason"] = task.Phase is TaskPhase.Failed or TaskPhase.Pending && task.LastFailure is { } f ? f.Reason : null,
                ["cause"] = task.LastFailure is { } failure && task.Phase is TaskPhase.Failed or TaskPhase.Pending ? EventData.Failure(failure) : null,
                ["question"] = task.Question,
            });
        }
        return new JsonObject
        {
            ["schema_version"] = 1,
            ["run_id"] = state.RunId,
            ["status"] = status,
            ["stage"] = state.IsFinished ? Stages.Finished : state.Stage,
            ["intent"] = state.Intent,
            ["integration_branch"] = state.IntegrationBranch,
            ["created_at"] = state.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = state.Outcome?.Cause?.Reason,
            ["cause"] = state.Outcome?.Cause is { } cause ? EventData.Failure(cause) : null,
            ["tasks"] = tasks,
            ["cost_usd"] = state.CostUsd,
            ["tokens"] = Tokens(state.Tokens),
            ["seq"] = state.Seq,
        };
    }

    public static string JsonText(RunPaths paths, RunState state) =>
        Json(paths, state).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Tokens(TokenCounts tokens) => new() { ["input"] = tokens.Input, ["output"] = tokens.Output, ["cached"] = tokens.Cached };
}
