using Otto.Engine;
using Otto.Git;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// The planner's worktree (classify and plan run there) at the base commit, made once: by `otto build` as
/// soon as the run exists (<see cref="StartEarly"/>), by the driver at its start, or by the first stage,
/// whichever comes first; the others wait for it under its lock. The classify stage waits for nothing else:
/// started when the run is created, the checkout runs while the driver sets itself up (~55 ms in the plain
/// build, mostly loading the run's configuration and secret rules) instead of after.
/// </summary>
public static class PlannerWorktree
{
    /// <param name="onlyBeforeAPlan">The driver's head start: once a plan is accepted a task may have taken the
    /// planner's worktree, and another would be a wasted checkout (checked under the lock).</param>
    public static string Ensure(RunContext run, bool onlyBeforeAPlan = false) =>
        Ensure(run.Repo, run.Info, notNeeded: () => onlyBeforeAPlan && run.Journal.Read().PlanVersion > 0);

    /// <summary>For a run just created: makes the planner's worktree on a thread of its own. Only a head start:
    /// a failure here is the first stage's to meet and report, and a process killed half-way leaves a
    /// `.making` folder that the next <see cref="Ensure(RunContext, bool)"/> removes.</summary>
    public static void StartEarly(GitRepo repo, RunInfo info) =>
        new Thread(() =>
        {
            try
            {
                Ensure(repo, info, notNeeded: () => false);
            }
            catch (Exception)
            {
                // On a thread of its own an exception nobody catches would end the whole process.
            }
        }) { IsBackground = true, Name = "otto planner worktree" }.Start();

    private static string Ensure(GitRepo repo, RunInfo info, Func<bool> notNeeded)
    {
        var worktree = WorktreeLayout.StageWorktree(info.WorktreeRoot, info.RunId, "planner");
        var runRoot = Path.GetDirectoryName(worktree)!;
        Directory.CreateDirectory(runRoot);
        using (Platform.FileLock.Acquire(Path.Combine(runRoot, ".planner.lock")))
        {
            if (File.Exists(Path.Combine(worktree, ".git")) || notNeeded()) return worktree;
            if (Directory.Exists(worktree)) repo.RemoveWorktree(worktree);
            // Made beside it and moved in whole: `git worktree add` writes .git before it checks out, so one
            // killed half-way would otherwise pass the test above on resume, with files missing.
            var making = worktree + ".making";
            if (Directory.Exists(making)) repo.RemoveWorktree(making);
            WorktreePool.TakeOrAdd(repo, info.WorktreeRoot, making, info.BaseSha);
            repo.Git("worktree", "move", making, worktree).EnsureOk();
        }
        return worktree;
    }
}
