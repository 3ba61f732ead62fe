using Otto.Agents;
using Otto.Git;
using Otto.Platform;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// `otto gc`: for finished runs, stops any agent process still alive from them and removes their
/// worktrees, then the state folders left empty; stops leftover processes (<see cref="LeftoverProcesses"/>);
/// removes abandoned run folders; reports unfinished runs that no process drives; lists the integration
/// branches of runs that did not succeed (failed, canceled, planned and never built). With --prune-branches
/// it deletes task branches and those integration branches by the rule of <see cref="BranchPruner"/>,
/// which never deletes a commit found on no other branch without --force. With dry-run it only says what
/// it would do. The integration branches of succeeded runs, the deliverables, are never touched.
/// </summary>
public static class GarbageCollector
{
    public sealed record Action(string RunId, string What, Func<Task>? Apply);

    public static IReadOnlyList<Action> Plan(GitRepo repo, OttoHome home, GcOptions options)
    {
        var actions = new List<Action>();
        var going = new List<string>();
        var roots = new HashSet<string>(StringComparer.Ordinal);
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var runId in RunCatalog.Ids(home))
        {
            var paths = home.Run(runId);
            RunInfo info;
            try
            {
                info = RunInfo.Load(paths);
            }
            catch (OttoException refused)
            {
                // A run otto refuses (its run.json changed) keeps its folders for the user to look at, but no process
                // of it stays alive: breaking run.json must not be a way to keep an agent's daemon running past gc.
                if (!FileLock.IsHeld(paths.DriverLock) && ProcessSweep.Find(ProcessTag.OfRun(paths.Dir)) is { Count: > 0 } left)
                    actions.Add(new Action(runId, $"stop processes of a run otto refuses ({refused.Message}): {string.Join(", ", left.Select(p => $"pid {p.Pid}"))}",
                        () => Task.Run(() => ProcessSweep.Kill(ProcessTag.OfRun(paths.Dir)))));
                continue;
            }
            roots.Add(info.WorktreeRoot);
            var state = new RunJournal(paths).Read();
            var status = StatusView.StatusOf(paths, state);
            if (state.IsFinished)
            {
                foreach (var files in LeftoverProcesses.AttemptFolders(paths))
                {
                    if (AgentProcess.Inspect(files) is LaunchState.Running running)
                        actions.Add(new Action(runId, $"stop orphaned agent pid {running.Identity.Pid} ({files.Dir})",
                            () => ProcessGroup.TerminateAsync(running.Identity.Pid, info.Config.Limits.KillGrace)));
                }
            }
            foreach (var leftover in LeftoverProcesses.Find(paths, state))
            {
                var names = string.Join(", ", leftover.Processes.Select(p => $"pid {p.Pid} ({EventText.FirstLine(p.CommandLine)})"));
                actions.Add(new Action(runId, $"stop leftover processes of {Path.GetRelativePath(paths.Dir, leftover.Files.Dir)}: {names}",
                    () => Task.Run(() => ProcessSweep.Kill(ProcessTag.OfAttempt(leftover.Files.Dir)))));
            }
            var temps = TempFiles.Abandoned(paths).ToList();
            if (temps.Count > 0 && !FileLock.IsHeld(paths.DriverLock))
                actions.Add(new Action(runId, $"remove {temps.Count} temp file(s) left half-written by a crash: {string.Join(", ", temps.Select(t => Path.GetRelativePath(paths.Dir, t)))}",
                    () => Task.Run(() => TempFiles.Clean(paths))));
            if (!state.IsFinished)
            {
                active.Add(runId);
                if (status == RunStatus.Stale)
                    actions.Add(new Action(runId, $"stale: no otto process drives it; `otto resume {runId}` continues it, `otto stop {runId}` ends it", null));
                if (status == RunStatus.Planned)
                    Review(repo, actions, going, options, runId, state.IntegrationBranch, "integration branch of a planned run", state.CreatedAt, unbuiltPlan: true);
                continue;
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
            var since = state.FinishedAt ?? state.CreatedAt;
            if (options.PruneBranches)
            {
                // Task branches first: their commits are usually on the integration branch, reviewed next.
                foreach (var task in state.Tasks.Where(t => repo.BranchExists(t.Branch)))
                {
                    // In squash style the branch's commits are never on the integration branch: what landed is.
                    var landed = task is { Phase: TaskPhase.Merged, IntegrationCommit: { } landing } && repo.TryResolve("refs/heads/" + task.Branch) == task.HeadCommit
                        && BranchPruner.OnAnotherRef(repo, landing, going);
                    Review(repo, actions, going, options, runId, task.Branch, "task branch", since, landed: landed);
                }
            }
            if (state.Status != RunStatus.Succeeded)
                Review(repo, actions, going, options, runId, state.IntegrationBranch, $"integration branch of a {state.Status.Name()} run", since);
        }
        foreach (var runId in RunCatalog.Abandoned(home))
        {
            var dir = home.Run(runId).Dir;
            actions.Add(new Action(runId, $"remove abandoned run folder {dir} (its creation was interrupted before run.json)", () => Task.Run(() =>
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            })));
        }
        actions.AddRange(PoolTrim(repo));
        if (actions.Any(a => a.Apply is not null)) actions.Add(new Action("", "git worktree prune", () => Task.Run(repo.PruneWorktrees)));
        foreach (var root in roots.Order(StringComparer.Ordinal))
        {
            var emptied = actions.Any(a => a.Apply is not null && a.What.StartsWith("remove " + root, StringComparison.Ordinal));
            if (emptied || EmptyFolders.Under(root, active).Count > 0)
                actions.Add(new Action("", $"remove empty folders under {root}", () => Task.Run(() => EmptyFolders.Remove(root, active))));
        }
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
            yield return new Action("", Execution.EarlyPlannerCheckout.MakerPid(Path.GetFileName(slot)) is null
                ? $"remove pooled worktree {slot} (worktree_pool is {config.PoolSize()})"
                : $"remove planner checkout {slot} (the otto build that began it is gone)", () => Task.Run(() => Execution.WorktreePool.Remove(repo, root, slot)));
    }

    /// <summary>One branch: listed always; deleted with --prune-branches when <see cref="BranchPruner"/> allows.</summary>
    private static void Review(GitRepo repo, List<Action> actions, List<string> going, GcOptions options,
        string runId, string branch, string what, DateTimeOffset since, bool unbuiltPlan = false, bool landed = false)
    {
        if (!repo.BranchExists(branch)) return;
        var review = new BranchReview(branch, what, since, BranchPruner.UniqueCommits(repo, branch, going), unbuiltPlan, landed);
        var keep = BranchPruner.Keep(review, options);
        if (options.PruneBranches && keep is null)
        {
            going.Add(branch);
            actions.Add(new Action(runId, $"delete {what} {branch}", () => Task.Run(() => repo.DeleteBranch(branch))));
            return;
        }
        var verdict = keep ?? (landed && review.UniqueCommits > 0
            ? "its verified work landed on the integration branch (the attempts before it are only here); --prune-branches deletes it"
            : "every commit is on another branch; --prune-branches deletes it");
        actions.Add(new Action(runId, $"{(options.PruneBranches ? "keep" : "has")} {what} {branch}: {verdict}", null));
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
