using Otto.Platform;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// Hands the worktree of a task that is already merged (it will never run again) to a task that needs
/// one, with `git worktree move`, so starting a task costs a checkout switch instead of a checkout of the
/// whole repository. One lock per run keeps two starting tasks from taking the same worktree.
/// </summary>
public static class WorktreeRecycler
{
    public static bool TryTakeOver(RunContext run, string taskId, string target)
    {
        var runRoot = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(runRoot);
        using var guard = FileLock.Acquire(Path.Combine(runRoot, ".recycle.lock"));
        var state = run.Journal.Read();
        foreach (var done in state.Tasks.Where(t => t.Phase == TaskPhase.Merged && t.Id != taskId))
        {
            var source = run.TaskWorktree(done.Id);
            if (!File.Exists(Path.Combine(source, ".git"))) continue;
            if (!run.Repo.Git("worktree", "move", source, target).Ok) continue;
            File.Delete(Path.Combine(run.Paths.TaskDir(done.Id), "worktree-ready"));
            return true;
        }
        return false;
    }
}
