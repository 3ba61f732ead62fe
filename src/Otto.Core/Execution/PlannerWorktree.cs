using Otto.Engine;
using Otto.Git;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// The planner's worktree (classify and plan run there) at the base commit, made once: by `otto build` while
/// it creates the run (<see cref="EarlyPlannerCheckout"/>), by the driver at its start, or by the first
/// stage, whichever comes first; the others wait for it under its lock. The classify stage waits for nothing
/// else: begun before the run's folder is written, the checkout runs while the run is created and the driver
/// sets itself up instead of after.
/// </summary>
public static class PlannerWorktree
{
    /// <param name="onlyBeforeAPlan">The driver's head start: once a plan is accepted a task may have taken the
    /// planner's worktree, and another would be a wasted checkout (checked under the lock).</param>
    public static string Ensure(RunContext run, bool onlyBeforeAPlan = false) =>
        Ensure(run.Repo, run.Info, notNeeded: () => onlyBeforeAPlan && run.Journal.Read().PlanVersion > 0);

    /// <summary>The lock under which the planner's worktree is made.</summary>
    internal static Platform.FileLock Lock(RunInfo info)
    {
        var runRoot = Path.GetDirectoryName(WorktreeOf(info))!;
        Directory.CreateDirectory(runRoot);
        return Platform.FileLock.Acquire(Path.Combine(runRoot, ".planner.lock"));
    }

    /// <summary>Under <see cref="Lock"/>, held by the caller: <paramref name="checkout"/>, a complete detached
    /// checkout of the base commit, becomes the planner's worktree, unless it has one already; then the
    /// checkout goes to the pool (or is removed when the pool is full).</summary>
    internal static void Adopt(GitRepo repo, RunInfo info, string checkout)
    {
        var worktree = WorktreeOf(info);
        if (!File.Exists(Path.Combine(worktree, ".git")))
        {
            if (Directory.Exists(worktree)) repo.RemoveWorktree(worktree);
            if (repo.MoveWorktree(checkout, worktree).Ok) return;
        }
        WorktreePool.Return(repo, info.WorktreeRoot, info.Config.PoolSize(), [checkout]);
    }

    private static string WorktreeOf(RunInfo info) => WorktreeLayout.StageWorktree(info.WorktreeRoot, info.RunId, "planner");

    private static string Ensure(GitRepo repo, RunInfo info, Func<bool> notNeeded)
    {
        var worktree = WorktreeOf(info);
        using (Lock(info))
        {
            if (File.Exists(Path.Combine(worktree, ".git")) || notNeeded()) return worktree;
            if (Directory.Exists(worktree)) repo.RemoveWorktree(worktree);
            // Made beside it and moved in whole: `git worktree add` writes .git before it checks out, so one
            // killed half-way would otherwise pass the test above on resume, with files missing.
            var making = worktree + ".making";
            if (Directory.Exists(making)) repo.RemoveWorktree(making);
            WorktreePool.TakeOrAdd(repo, info.WorktreeRoot, making, info.BaseSha);
            repo.MoveWorktree(making, worktree).EnsureOk();
        }
        return worktree;
    }
}
