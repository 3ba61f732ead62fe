using Otto.Engine;
using Otto.Integration;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// What each merged task changed on the integration branch, for the integration task's prompt: the diff of
/// the commit that landed it (a squash commit against its one parent, a merge commit against the branch
/// before it), bounded per task so that one large task cannot crowd out the others.
/// </summary>
public static class TaskDiffs
{
    public const int MaxCharsPerTask = 12_000;

    public static IReadOnlyList<Dictionary<string, object?>> For(RunContext run, RunState state)
    {
        var diffs = new List<Dictionary<string, object?>>();
        foreach (var task in state.Tasks.Where(t => !t.Added && t.Phase == TaskPhase.Merged && t.IntegrationCommit is not null).OrderBy(t => t.Order))
        {
            var landed = task.IntegrationCommit!;
            // A task recorded as already merged points at a commit that is not its own: nothing to show.
            var message = run.Repo.Git("log", "-1", "--format=%B", landed).Stdout;
            if (LandingMessage.Trailer(message, "Otto-Task") != task.Id) continue;
            var diff = run.Repo.Git("diff", "--no-color", "--no-ext-diff", landed + "^1", landed).Stdout;
            if (diff.Length > MaxCharsPerTask) diff = diff[..MaxCharsPerTask] + $"\n... ({diff.Length - MaxCharsPerTask} more characters: `git show {landed}`)";
            diffs.Add(new() { ["id"] = task.Id, ["title"] = task.Title, ["commit"] = landed, ["diff"] = run.Redactor.Redact(diff.TrimEnd()) });
        }
        return diffs;
    }
}
