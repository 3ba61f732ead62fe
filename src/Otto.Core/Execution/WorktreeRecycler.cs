using Otto.Engine;
using Otto.Platform;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// Starting a task should cost a checkout switch, not a checkout of the whole repository. So a starting
/// task takes over, with `git worktree move`, a worktree nobody needs any more: a spare made ahead of time
/// while the planner worked (<see cref="FillSparesInBackground"/>), the planner's own once the plan is
/// accepted, or the worktree of a task already merged. One lock per run keeps two starting tasks (in any
/// process) from taking the same one.
/// </summary>
public static class WorktreeRecycler
{
    private const string SparePrefix = "spare-";

    /// <summary>How long a starting task waits for a spare that is being made rather than making its own
    /// (the spare started earlier, so it is done sooner than a fresh checkout would be).</summary>
    private static readonly TimeSpan SpareWait = TimeSpan.FromSeconds(10);

    public static async Task<bool> TryTakeOverAsync(RunContext run, string taskId, string target, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + SpareWait;
        while (true)
        {
            if (TakeCandidate(run, taskId, target, usable: () => true)) return true;
            if (!Spares(run).Any(d => Path.GetFileName(d).StartsWith("_making-", StringComparison.Ordinal)) || DateTime.UtcNow > deadline) return false;
            await Task.Delay(50, ct).ConfigureAwait(false); // not Thread.Sleep: a pool thread blocked here is one a starting task lacks
        }
    }

    /// <summary>
    /// For the final check: a worktree the run no longer needs (a spare, the planner's, a merged task's) moved to
    /// <paramref name="target"/> and switched, verified clean, to <paramref name="commit"/>: a checkout switch
    /// instead of checking the whole repository out again at the end of every run. False when there is none.
    /// </summary>
    public static bool TryTakeForCheck(RunContext run, string target, string commit) =>
        TakeCandidate(run, taskId: "", target, usable: () => WorktreePool.SwitchClean(new Git.GitRepo(target), commit));

    /// <summary>Under the run's recycle lock, moves the first candidate worktree to <paramref name="target"/>
    /// that <paramref name="usable"/> then accepts; one it refuses is removed, never handed out.</summary>
    private static bool TakeCandidate(RunContext run, string taskId, string target, Func<bool> usable)
    {
        using (Lock(run))
        {
            foreach (var (source, readyMarker) in Candidates(run, run.Journal.Read(), taskId))
            {
                if (!File.Exists(Path.Combine(source, ".git"))) continue;
                if (!run.Repo.Git("worktree", "move", source, target).Ok) continue;
                if (readyMarker is not null) File.Delete(readyMarker);
                if (usable()) return true;
                run.Repo.RemoveWorktree(target); // not clean even after cleaning: never used
            }
        }
        return false;
    }

    /// <summary>Makes the planner's worktree, then up to <paramref name="count"/> spare worktrees of the base
    /// commit, in the background from run start. The planner's first, alone: the first stage runs there and
    /// must not wait behind the spares (with a warm pool it waited 1.3-1.8 s when all were made at once).
    /// Then the spares all at once, each on its own thread (on the thread pool, blocked by git, they started
    /// one by one as it grew), each taken from the repository's <see cref="WorktreePool"/> when it has one
    /// (a checkout switch), else made fresh; each under a temporary name and moved into place (under the
    /// lock) only when complete.</summary>
    /// <param name="first">The first spare's number: a top-up once the plan is known numbers its spares after
    /// those made at run start, which may still be in the making under their own names.</param>
    public static void FillSparesInBackground(RunContext run, int count, int first = 1) =>
        _ = Task.Factory.StartNew(() =>
        {
            try
            {
                PlannerWorktree.Ensure(run, onlyBeforeAPlan: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Git.GitException)
            {
                // The planner stage makes it itself and says why if it cannot.
            }
            for (var i = first; i < first + count; i++)
            {
                var spare = i;
                new Thread(() =>
                {
                    Platform.BackgroundPriority.LowerThisThread(); // a head start must not slow the stages down
                    MakeSpare(run, spare);
                }) { IsBackground = true, Name = $"otto spare {spare}" }.Start();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void MakeSpare(RunContext run, int i)
    {
        var spare = run.StageWorktree(SparePrefix + i);
        var making = run.StageWorktree($"making-{i}-{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(spare) || run.Journal.Read().IsFinished) return;
            WorktreePool.TakeOrAdd(run.Repo, run.Info.WorktreeRoot, making, run.Info.BaseSha);
            using var guard = Lock(run);
            if (run.Journal.Read().IsFinished)
            {
                // The run's end did not wait for this one (SparesToReturn): it goes where the others went.
                WorktreePool.Return(run.Repo, run.Info.WorktreeRoot, run.Config.PoolSize(), [making]);
                return;
            }
            if (Directory.Exists(spare) || !run.Repo.Git("worktree", "move", making, spare).Ok) run.Repo.RemoveWorktree(making);
        }
        catch (Exception)
        {
            // Only a head start: tasks make their own worktrees without it. And on a thread of its own an
            // exception nobody catches would end the whole process, so nothing may escape.
        }
    }

    /// <summary>What the run's end returns to the pool: the spares made, and the half-made ones of processes
    /// that are gone. A spare this process (or another live one) is still making is left to its thread, which
    /// finds the run finished and returns it itself.</summary>
    public static IEnumerable<string> SparesToReturn(RunContext run) =>
        Spares(run).Where(d => MakerPid(Path.GetFileName(d)) is not { } pid || !IsRunning(pid));

    /// <summary>The pid in `_making-N-PID` (or `_making-N-PID.pool-taking`), or null for another name.</summary>
    internal static int? MakerPid(string name)
    {
        if (!name.StartsWith("_making-", StringComparison.Ordinal)) return null;
        var parts = name["_making-".Length..].Split('.')[0].Split('-');
        return parts.Length == 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool IsRunning(int pid) => new ProcessIdentity(pid, StartTime: 0).IsAlive();

    /// <summary>Spares left over at the end of a run.</summary>
    public static IEnumerable<string> Spares(RunContext run)
    {
        var runRoot = Path.GetDirectoryName(run.StageWorktree(SparePrefix + 1))!;
        return Directory.Exists(runRoot)
            ? Directory.GetDirectories(runRoot).Where(d => Path.GetFileName(d).StartsWith("_" + SparePrefix, StringComparison.Ordinal) || Path.GetFileName(d).StartsWith("_making-", StringComparison.Ordinal))
            : [];
    }

    private static IEnumerable<(string Source, string? ReadyMarker)> Candidates(RunContext run, RunState state, string taskId)
    {
        foreach (var spare in Spares(run).Where(d => Path.GetFileName(d).StartsWith("_" + SparePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            yield return (spare, null);
        if (state.PlanVersion > 0 && state.ActiveStage?.Stage is not (Stage.Classify or Stage.Plan))
            yield return (run.StageWorktree("planner"), null);
        foreach (var done in state.Tasks.Where(t => t.Phase == TaskPhase.Merged && t.Id != taskId))
            yield return (run.TaskWorktree(done.Id), Path.Combine(run.Paths.TaskDir(done.Id), "worktree-ready"));
    }

    private static FileLock Lock(RunContext run, string name = ".recycle.lock")
    {
        var runRoot = Path.GetDirectoryName(run.StageWorktree("planner"))!;
        Directory.CreateDirectory(runRoot);
        return FileLock.Acquire(Path.Combine(runRoot, name));
    }
}
