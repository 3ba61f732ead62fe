using Otto.Engine;
using Otto.Execution;
using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Replan;

/// <summary>The data the replan and pilot prompt templates see (templates/replan.md, templates/pilot.md).</summary>
public static class RecoveryPrompts
{
    public static Dictionary<string, object?> Replan(RunContext run, RunState state, string outputFile, IReadOnlyList<string> errors)
    {
        var round = state.Recovery.OpenReplan;
        var model = Common(run, state, outputFile, errors);
        model["replan"] = round?.Replan ?? state.Recovery.Replans;
        model["max_replans"] = run.Config.Limits.MaxReplans;
        model["max_tasks"] = run.Config.Limits.MaxTasks;
        model["split"] = round?.Split;
        model["split_reason"] = round?.Split is null ? null : state.Recovery.Consultations.LastOrDefault(c => c.Decision?.Action == PilotAction.Split)?.Decision?.Reason;
        model["merged"] = state.Tasks.Where(t => t.Phase == TaskPhase.Merged).Select(Task).ToList();
        model["failed"] = state.Tasks.Where(t => t.Phase == TaskPhase.Failed).Select(Task).ToList();
        model["unfinished"] = state.Tasks.Where(t => t.Phase is not (TaskPhase.Merged or TaskPhase.Failed)).Select(Task).ToList();
        var learnings = Learnings.Read(run).Text.Trim();
        var ofRun = Learnings.OfRun(run.Paths);
        model["learnings"] = learnings.Length == 0 ? null : learnings;
        model["run_learnings"] = ofRun.Count == 0 ? null : ofRun;
        return model;
    }

    public static Dictionary<string, object?> Pilot(RunContext run, RunState state, PilotConsultation consultation, string outputFile, IReadOnlyList<string> errors)
    {
        var policy = SchedulerPolicy.From(run.Config);
        var model = Common(run, state, outputFile, errors);
        model["boundary"] = consultation.Boundary.Name();
        model["task"] = consultation.Task is { } id && state.Task(id) is { } task ? Task(task) : null;
        model["tasks"] = state.Tasks.Select(Task).ToList();
        model["replans_left"] = Math.Max(0, policy.MaxReplans - state.Recovery.Replans);
        model["max_attempts"] = policy.MaxAttempts;
        model["signature_limit"] = policy.SignatureLimit;
        model["cost_usd"] = state.CostUsd;
        model["max_cost_usd"] = policy.MaxCostUsd;
        model["elapsed"] = Config.Duration.Format(DateTimeOffset.UtcNow - state.CreatedAt);
        model["run_budget"] = Config.Duration.Format(policy.RunBudget);
        return model;
    }

    private static Dictionary<string, object?> Common(RunContext run, RunState state, string outputFile, IReadOnlyList<string> errors) => new()
    {
        ["intent"] = IntentText.ForPrompt(run.Info.Intent),
        ["integration_branch"] = state.IntegrationBranch,
        ["head_sha"] = state.IntegrationHead ?? state.BaseSha,
        ["output_file"] = outputFile,
        ["errors"] = errors.Count == 0 ? null : errors,
        ["plan_version"] = state.PlanVersion,
        ["plan"] = state.PlanVersion > 0 && File.Exists(run.Paths.Plan(state.PlanVersion)) ? File.ReadAllText(run.Paths.Plan(state.PlanVersion)).TrimEnd() : null,
        ["verify_commands"] = run.Config.Verify.Commands.Select(c => c.Run).ToList(),
    };

    private static Dictionary<string, object?> Task(TaskState task) => new()
    {
        ["id"] = task.Id,
        ["title"] = task.Title,
        ["state"] = task.Phase.Name(),
        ["attempts"] = task.Attempts,
        ["owned_paths"] = task.OwnedPaths,
        ["depends_on"] = task.DependsOn.Count == 0 ? null : task.DependsOn,
        ["failure"] = task.Phase == TaskPhase.Merged || task.LastFailure is not { } failure ? null : new Dictionary<string, object?>
        {
            ["kind"] = failure.Kind.Name(),
            ["reason"] = failure.Reason,
            ["signature"] = failure.Signature,
            ["command"] = failure.Command,
            ["limit"] = failure.Limit is { } limit ? $"{limit.Name} = {limit.Value}" : null,
        },
    };
}
