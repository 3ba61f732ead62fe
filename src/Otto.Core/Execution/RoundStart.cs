using Otto.Engine;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// The first attempt of a reopened task's fix round starts from the integration head, not from where the
/// task's branch was: the fix must land on top of everything merged since (in squash style the task's own
/// work is on the integration branch as a single new commit, so merging the old branch again would
/// conflict with itself). The task branch gets a commit whose tree is exactly the integration head and whose
/// parents are the branch's last commit and that head: the branch keeps every attempt for audit, and the fix
/// commits that follow change only what the fix changes.
/// </summary>
public static class RoundStart
{
    /// <returns>The commit the round's worktree starts from, or null when this attempt does not start a reopened round.</returns>
    public static string? Prepare(RunContext run, TaskState task, int attempt, TaskWorkspace workspace)
    {
        if (task.Round is not { Reopened: true } round || attempt != round.AttemptBase + 1) return null;
        var reference = "refs/heads/" + task.Branch;
        var head = round.Round.IntegrationSha;
        var tip = run.Repo.TryResolve(reference) ?? task.HeadCommit;
        var tree = run.Repo.TreeOf(head);
        // A redo after a crash: the branch already starts the round.
        if (tip is not null && run.Repo.TreeOf(tip) == tree && run.Repo.IsAncestor(head, tip)) return tip;
        var message = $"otto({task.Id}): start {round.Label} from {run.Info.IntegrationBranch} at {head}\n";
        var start = run.Repo.CommitTree(tree, tip is null ? [head] : [tip, head], message);
        if (File.Exists(Path.Combine(workspace.Dir, ".git")) && workspace.Git.CurrentBranch == task.Branch)
        {
            // The task's own worktree, still set up: move its branch and files to the round's start.
            workspace.Git.Git("reset", "--quiet", "--hard", start).EnsureOk();
            workspace.Git.Git("clean", "-ffdq").EnsureOk();
        }
        else
        {
            run.Repo.Git("update-ref", reference, start).EnsureOk();
        }
        return start;
    }
}
