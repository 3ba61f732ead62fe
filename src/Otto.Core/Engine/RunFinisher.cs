using System.Text.Json.Nodes;
using Otto.Execution;
using Otto.Integration;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// Ends a run: records run_finished (once), writes final.json (exactly once: created only if absent),
/// empties live.json, tidies the run's helper worktrees, and maps the status to the exit code.
/// </summary>
public static class RunFinisher
{
    public static int Finish(RunContext run, RunStatus status, FailureInfo? cause)
    {
        if (status == RunStatus.Succeeded && BranchCheck.Problem(run, run.Journal.Read()) is { } problem)
        {
            // Never `succeeded` on a branch otto cannot vouch for.
            run.Journal.Append(new NewEvent(new IntegrityWarning("integration_branch", problem, Stops: true)));
            (status, cause) = (RunStatus.Failed, run.Journal.Read().IntegrityFailure);
        }
        var (state, _) = run.Journal.Commit(current => current.IsFinished
            ? []
            : [new NewEvent(new RunFinished(status, cause, status == RunStatus.Succeeded ? null : cause?.Reason))]);
        return WriteFinal(run, state);
    }

    /// <summary>
    /// Ends the run for a full disk (or another environment problem that also stops otto's own writes):
    /// run_finished if the log still takes it; else the short final.json that fits, marked as written
    /// without the log, so the next otto knows it for its own. Exit 4.
    /// </summary>
    public static int FinishForEnvironment(RunContext run, string reason)
    {
        var cause = new FailureInfo(FailureKind.Environment, reason, "environment disk-full");
        try
        {
            Finish(run, RunStatus.Failed, cause);
        }
        catch (Exception e) when (Platform.DiskFull.Is(e))
        {
            EmergencyFinal.TryWrite(run.Paths, run.Info, cause);
            run.Observer.Note($"otto: {reason}");
        }
        return ExitCodes.Environment;
    }

    /// <summary>For a run whose run_finished is already in the log: final.json (if missing) and tidying.</summary>
    public static int WriteFinal(RunContext run, RunState state)
    {
        // What the user's checkout went through is recorded before final.json, which reports it.
        if (CheckoutWatch.Warning(CheckoutWatch.RecordEnd(run.Paths)) is { } warning) run.Observer.Note("warning: " + warning);
        FinalFile.Reconcile(run.Journal, () => run.Info);
        state = run.Journal.Read();
        LiveBoard.Write(run.Paths, state, run.Config.Limits.LeaseTimeout);
        run.Journal.SaveCache();
        // No process of the run outlives it (each attempt already swept its own; this catches the rest).
        Platform.ProcessSweep.Kill(Platform.ProcessTag.OfRun(run.Paths.Dir));
        Tidy(run, state);
        return StatusView.ExitCodeOf(state);
    }

    /// <summary>The planner's (classify, plan; replan and pilot have their own), integration-check, review and
    /// spare worktrees are of no use to this run after the end; after a success the task worktrees neither,
    /// best-of variants' and those of tasks a replan retired included (their branches stay). They go to the
    /// repository's worktree pool while it has room, for the next run, and are removed otherwise. A failed
    /// run keeps its task worktrees for inspection.</summary>
    private static void Tidy(RunContext run, RunState state)
    {
        try
        {
            var done = new List<string>
            {
                run.StageWorktree("planner"), run.StageWorktree(Stage.Replan.Name()), run.StageWorktree(Stage.Pilot.Name()),
                run.StageWorktree("integration"), run.StageWorktree(Reviewing.ReviewJob.Worktree),
            };
            done.AddRange(WorktreeRecycler.SparesToReturn(run));
            if (state.Status == RunStatus.Succeeded)
                done.AddRange(state.Tasks.Select(t => t.Id).Concat(state.Recovery.Retired.Select(t => t.Id)).Distinct().SelectMany(id => TaskWorktrees(run, id)));
            WorktreePool.Return(run.Repo, run.Info.WorktreeRoot, run.Config.PoolSize(), done);
            if (state.Status == RunStatus.Succeeded) Learnings.Record(run, state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Git.GitException)
        {
            run.Observer.Note($"could not tidy worktrees: {e.Message} (`otto gc` will)");
        }
    }

    /// <summary>A task's worktree and its best-of variants' (`TASK.v2`, `TASK.v3`...: named as their branches
    /// are, see <see cref="Git.BranchNames.Variant"/>), those that exist.</summary>
    private static IEnumerable<string> TaskWorktrees(RunContext run, string taskId)
    {
        var main = run.TaskWorktree(taskId);
        var parent = Path.GetDirectoryName(main)!;
        var variants = Directory.Exists(parent) ? Directory.EnumerateDirectories(parent, Path.GetFileName(main) + ".v*") : [];
        return [main, .. variants.Where(v => Git.BranchNames.IsVariantOf(v, main)).Order(StringComparer.Ordinal)];
    }
}
