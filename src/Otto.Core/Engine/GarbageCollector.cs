using Otto.Agents;
using Otto.Git;
using Otto.Platform;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// `otto gc`: for finished runs, stops any agent process still alive from them, removes their worktrees
/// and (only when asked) their task branches; reports unfinished runs that no process drives. With
/// dry-run it only says what it would do. The integration branches, the deliverables, are never touched.
/// </summary>
public static class GarbageCollector
{
    public sealed record Action(string RunId, string What, Func<Task>? Apply);

    public static IReadOnlyList<Action> Plan(GitRepo repo, OttoHome home, bool pruneBranches)
    {
        var actions = new List<Action>();
        foreach (var runId in RunCatalog.Ids(home))
        {
            var paths = home.Run(runId);
            RunInfo info;
            try
            {
                info = RunInfo.Load(paths);
            }
            catch (OttoException)
            {
                continue;
            }
            var state = new RunJournal(paths).Read();
            var status = StatusView.StatusOf(paths, state);
            if (!state.IsFinished)
            {
                if (status == RunStatus.Stale)
                    actions.Add(new Action(runId, $"stale: no otto process drives it; `otto resume {runId}` continues it, `otto stop {runId}` ends it", null));
                continue;
            }
            foreach (var files in AttemptFolders(paths))
            {
                if (AgentProcess.Inspect(files) is LaunchState.Running running)
                    actions.Add(new Action(runId, $"stop orphaned agent pid {running.Identity.Pid} ({files.Dir})",
                        () => ProcessGroup.TerminateAsync(running.Identity.Pid, info.Config.Limits.KillGrace)));
            }
            var worktrees = Path.Combine(info.WorktreeRoot, runId);
            if (Directory.Exists(worktrees))
            {
                foreach (var dir in Directory.GetDirectories(worktrees).Order(StringComparer.Ordinal))
                    actions.Add(new Action(runId, $"remove worktree {dir}", () => Task.Run(() => repo.RemoveWorktree(dir))));
                actions.Add(new Action(runId, $"remove {worktrees}", () => Task.Run(() =>
                {
                    if (Directory.Exists(worktrees)) Directory.Delete(worktrees, recursive: true);
                })));
            }
            if (!pruneBranches) continue;
            foreach (var task in state.Tasks.Where(t => repo.BranchExists(t.Branch)))
                actions.Add(new Action(runId, $"delete branch {task.Branch}", () => Task.Run(() => repo.DeleteBranch(task.Branch))));
        }
        actions.AddRange(PoolTrim(repo));
        if (actions.Any(a => a.Apply is not null)) actions.Add(new Action("", "git worktree prune", () => Task.Run(repo.PruneWorktrees)));
        return actions;
    }

    /// <summary>The repository's worktree pool trimmed to `worktree_pool` of its otto.yaml (broken slots too).</summary>
    private static IEnumerable<Action> PoolTrim(GitRepo repo)
    {
        Config.OttoConfig config;
        try
        {
            config = Config.ConfigLoader.LoadFromRepo(repo.Root);
        }
        catch (OttoException)
        {
            yield break; // an invalid otto.yaml: leave the pool alone rather than guess its size
        }
        var root = WorktreeLayout.RootFor(repo.Root, config.WorktreeRoot);
        foreach (var slot in Execution.WorktreePool.Surplus(root, config.PoolSize()))
            yield return new Action("", $"remove pooled worktree {slot} (worktree_pool is {config.PoolSize()})", () => Task.Run(() => repo.RemoveWorktree(slot)));
    }

    private static IEnumerable<AttemptFiles> AttemptFolders(RunPaths paths)
    {
        foreach (var root in new[] { Path.Combine(paths.Dir, "tasks"), Path.Combine(paths.Dir, "stages") })
        {
            if (!Directory.Exists(root)) continue;
            foreach (var dir in Directory.GetDirectories(root, "attempt-*", SearchOption.AllDirectories)) yield return new AttemptFiles(dir);
        }
    }
}
