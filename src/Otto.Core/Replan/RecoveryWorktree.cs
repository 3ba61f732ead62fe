using Otto.Engine;
using Otto.Git;
using Otto.Runs;

namespace Otto.Replan;

/// <summary>
/// The read-only checkout a replan or pilot agent reads: the integration branch as otto recorded it (what
/// is merged so far), detached, in its own stage worktree, moved to the newest head when it is behind.
/// </summary>
public static class RecoveryWorktree
{
    public static string Ensure(RunContext run, Stage stage, RunState state)
    {
        var worktree = run.StageWorktree(stage.Name());
        var head = state.IntegrationHead ?? run.Info.BaseSha;
        if (File.Exists(Path.Combine(worktree, ".git")) && new GitRepo(worktree).TryResolve("HEAD") == head) return worktree;
        if (Directory.Exists(worktree)) run.Repo.RemoveWorktree(worktree);
        run.Repo.AddDetachedWorktree(worktree, head);
        return worktree;
    }
}
