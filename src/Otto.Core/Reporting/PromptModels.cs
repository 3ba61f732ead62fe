using Otto.Engine;
using Otto.Events;
using Otto.Execution;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>The data each prompt template sees. Paths are worktree-relative or the agent's own worktree.</summary>
public static class PromptModels
{
    public static Dictionary<string, object?> Stage(RunContext run, RunState state, string outputFile, IReadOnlyList<string> errors, string learnings) => new()
    {
        ["intent"] = IntentText.ForPrompt(run.Info.Intent),
        ["base_branch"] = state.BaseBranch,
        ["base_sha"] = state.BaseSha,
        ["output_file"] = outputFile,
        ["errors"] = errors.Count == 0 ? null : errors,
        ["learnings"] = learnings.Length == 0 ? null : learnings,
        ["max_tasks"] = run.Config.Limits.MaxTasks,
        ["verify_commands"] = run.Config.Verify.Commands.Select(c => c.Run).ToList(),
        ["classification"] = state.Classification is { } c
            ? new Dictionary<string, object?> { ["kind"] = c.Kind, ["size"] = c.Size, ["single_task"] = c.SingleTask, ["rationale"] = c.Rationale }
            : null,
    };

    /// <param name="conflictRegions">For a conflict fix: both sides of each conflicting file (see TaskWorkspace).</param>
    public static Dictionary<string, object?> Task(RunContext run, RunState state, TaskState task, int attempt, string statusFile,
        IReadOnlyList<Dictionary<string, object?>>? conflictRegions = null)
    {
        var failure = task.LastFailure;
        return new()
        {
            ["intent"] = IntentText.ForPrompt(run.Info.Intent),
            ["attempt"] = attempt,
            ["status_file"] = statusFile,
            ["context"] = ContextFile.Read(run.Paths.Context) is { Length: > 0 } context ? context : null,
            ["shared_files"] = state.SharedFiles.Count == 0 ? null : state.SharedFiles,
            ["verify_commands"] = run.Config.Verify.Commands.Select(c => c.Run).ToList(),
            ["task"] = new Dictionary<string, object?>
            {
                ["id"] = task.Id,
                ["title"] = task.Title,
                ["description"] = task.Description,
                ["branch"] = task.Branch,
                ["owned_paths"] = task.OwnedPaths,
                ["acceptance"] = task.Acceptance.Count == 0 ? null : task.Acceptance,
            },
            ["failure"] = failure is null || task.PendingConflict is not null ? null : new Dictionary<string, object?>
            {
                ["kind"] = failure.Kind.Name(),
                ["reason"] = failure.Reason,
                ["signature"] = failure.Signature,
                ["command"] = failure.Command,
            },
            ["conflict"] = task.PendingConflict is { } conflict
                ? new Dictionary<string, object?> { ["paths"] = conflict.Paths, ["integration_sha"] = conflict.IntegrationSha, ["regions"] = conflictRegions }
                : null,
            ["answer"] = task.Answer,
            ["own_contracts"] = state.Contracts.Where(c => c.Owner == task.Id).Select(c => c.Path).ToList() is { Count: > 0 } own ? own : null,
            ["contracts"] = ContractExcerpts.For(run, state, task),
            ["amendments"] = AmendmentPrompts.AskedOf(state, task, attempt),
            ["amendments_made"] = AmendmentPrompts.MadeFor(state, task),
            ["on_top_of"] = task.StartOnTopOf,
        };
    }
}
