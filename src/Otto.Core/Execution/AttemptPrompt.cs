using Otto.Engine;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// Which prompt an attempt gets, and the parts of its model that come from fix rounds: `execute` for a
/// planned task's first attempt, `fix` after that (with the round's findings when a merged task was
/// reopened), `integration` for every attempt of the integration task (the verbatim failure of the
/// integration check and what each task changed).
/// </summary>
public static class AttemptPrompt
{
    /// <summary>OTTO_STAGE: execute for a first attempt, fix for every attempt that repairs something.</summary>
    public static string Stage(TaskState task, int attempt) => attempt == 1 && !task.Added ? "execute" : "fix";

    public static string Template(TaskState task, int attempt) => task.Added ? "integration" : task.AmendmentRound ? "amend" : attempt == 1 ? "execute" : "fix";

    public static string Render(RunContext run, RunState state, TaskState task, int attempt, string statusFile, IReadOnlyList<Dictionary<string, object?>>? regions)
    {
        var model = PromptModels.Task(run, state, task, attempt, statusFile, regions);
        if (task.Round is { } round)
        {
            var fresh = attempt == round.AttemptBase + 1;
            // The round's own reason is shown as the round; a later attempt of it shows why the previous one failed.
            if (fresh) model["failure"] = null;
            model["round"] = Round(round, fresh);
        }
        if (task.Added) model["task_diffs"] = TaskDiffs.For(run, state);
        return run.Prompts.Render(Template(task, attempt), model);
    }

    private static Dictionary<string, object?> Round(TaskRound round, bool fresh) => new()
    {
        ["source"] = round.Round.Source.Name(),
        ["number"] = round.Round.Number,
        ["reason"] = round.Round.Reason,
        ["fresh"] = fresh,
        ["integration_sha"] = round.Round.IntegrationSha,
        ["failure"] = round.Round.Failure is { } f && round.Round.Findings is null
            ? new Dictionary<string, object?> { ["kind"] = f.Kind.Name(), ["reason"] = f.Reason, ["command"] = f.Command }
            : null,
        ["findings"] = round.Round.Findings?.Select(f => new Dictionary<string, object?>
        {
            ["path"] = f.Path, ["line"] = f.Line, ["severity"] = f.Severity, ["message"] = f.Message, ["author"] = f.Author, ["url"] = f.Url,
        }).ToList(),
    };
}
