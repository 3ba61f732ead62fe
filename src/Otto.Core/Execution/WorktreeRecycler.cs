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
    private const string RecyclingPrefix = "_recycling-";

    /// <summary>How long a starting task waits for a spare that is being made, or a merged task's worktree being
    /// recycled, rather than making its own (either is done sooner than a fresh checkout would be).</summary>
    private static readonly TimeSpan SpareWait = TimeSpan.FromSeconds(10);

    /// <summary>What a starting task took over: nothing, or a worktree that is clean at <paramref name="CleanAt"/>
    /// (a spare: made, or recycled, by otto and used by nobody since) or that may hold an earlier use's files
    /// (null: the planner's, a merged task's).</summary>
    public sealed record Takeover(bool Taken, string? CleanAt);

    /// <param name="start">The commit the task starts from: a spare already at it is taken first, since the task
    /// then needs no checkout at all.</param>
    public static async Task<Takeover> TryTakeOverAsync(RunContext run, string taskId, string target, string start, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + SpareWait;
        while (true)
        {
            if (TakeCandidate(run, taskId, target, usable: () => true, start) is { Taken: true } taken) return taken;
            if (!Spares(run).Any(BeingMade) || DateTime.UtcNow > deadline) return new Takeover(false, null);
            await Task.Delay(50, ct).ConfigureAwait(false); // not Thread.Sleep: a pool thread blocked here is one a starting task lacks
        }
    }

    /// <summary>
    /// For the final check: a worktree the run no longer needs (a spare, the planner's, a merged task's) moved to
    /// <paramref name="target"/> and switched, verified clean, to <paramref name="commit"/>: a checkout switch
    /// instead of checking the whole repository out again at the end of every run. False when there is none.
    /// </summary>
    public static bool TryTakeForCheck(RunContext run, string target, string commit) =>
        TakeCandidate(run, taskId: "", target, usable: () => WorktreePool.SwitchClean(new Git.GitRepo(target), commit), commit).Taken;

    /// <summary>Under the run's recycle lock, moves the first candidate worktree to <paramref name="target"/>
    /// that <paramref name="usable"/> then accepts; one it refuses is removed, never handed out. Spares at
    /// <paramref name="start"/> come first.</summary>
    private static Takeover TakeCandidate(RunContext run, string taskId, string target, Func<bool> usable, string start)
    {
        using (Lock(run))
        {
            foreach (var (source, readyMarker, cleanAt) in Candidates(run, run.Journal.Read(), taskId, start))
            {
                if (!File.Exists(Path.Combine(source, ".git"))) continue;
                if (!run.Repo.MoveWorktree(source, target).Ok) continue;
                if (readyMarker is not null) File.Delete(readyMarker);
                if (usable()) return new Takeover(true, cleanAt);
                run.Repo.RemoveWorktree(target); // not clean even after cleaning: never used
            }
        }
        return new Takeover(false, null);
    }

    /// <summary>
    /// After its task merged, while other tasks are still to start: the task's worktree becomes a spare,
    /// switched (detached) to the integration tip and verified clean, so that the next task to start takes it
    /// with no checkout at all when nothing merged meanwhile (and with the few files that differ otherwise),
    /// instead of switching it and cleaning it out of the last task's files while its agent slot waits.
    /// The job that merged does it, after its task_merged, holding no agent slot. It is moved aside first
    /// (`_recycling-PID-TASK`, under the recycle lock), so no task takes it half-switched; a crash leaves it
    /// there for the run's end to return to the pool, which checks it again.
    /// </summary>
    public static void RecycleMerged(RunContext run, string taskId)
    {
        try
        {
            Recycle(run, taskId);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Git.GitException)
        {
            // Only a head start for the next task, and the task is merged already: nothing here may fail it.
            // What is left (at the task's path or `_recycling-*`) is taken over, or returned at the run's end.
        }
    }

    private static void Recycle(RunContext run, string taskId)
    {
        var state = run.Journal.Read();
        if (state.IsFinished || state.IntegrationHead is not { } tip || !state.Tasks.Any(t => t.Claim is null && !t.IsTerminal)) return;
        var source = run.TaskWorktree(taskId);
        var recycling = run.StageWorktree($"recycling-{Environment.ProcessId}-{taskId}");
        using (Lock(run))
        {
            if (!File.Exists(Path.Combine(source, ".git")) || Directory.Exists(recycling)) return; // taken over already
            if (!run.Repo.MoveWorktree(source, recycling).Ok) return;
            File.Delete(Path.Combine(run.Paths.TaskDir(taskId), "worktree-ready"));
        }
        if (WorktreePool.SwitchClean(new Git.GitRepo(recycling), tip)) PlaceSpare(run, recycling, SparePrefix + "r-" + taskId);
        else run.Repo.RemoveWorktree(recycling);
    }

    /// <summary>Under the recycle lock, a worktree just made or recycled becomes the spare <paramref name="name"/>;
    /// if the run has finished meanwhile (its end did not wait for it: <see cref="SparesToReturn"/>) it goes
    /// where the others went, the pool; if that spare exists already (a task merged twice finds the spare of
    /// its first merge still there) it is removed.</summary>
    private static void PlaceSpare(RunContext run, string made, string name)
    {
        using var guard = Lock(run);
        if (run.Journal.Read().IsFinished) WorktreePool.Return(run.Repo, run.Info.WorktreeRoot, run.Config.PoolSize(), [made]);
        else if (!run.Repo.MoveWorktree(made, run.StageWorktree(name)).Ok) run.Repo.RemoveWorktree(made);
    }

    private static bool IsSpare(string dir) => Path.GetFileName(dir).StartsWith("_" + SparePrefix, StringComparison.Ordinal);

    /// <summary>The commit a detached worktree is at, read from its HEAD file (no git process); null when
    /// HEAD is a branch or cannot be read.</summary>
    private static string? DetachedHead(string worktree)
    {
        try
        {
            var head = File.ReadAllText(Path.Combine(new Git.GitRepo(worktree).GitDir, "HEAD")).Trim();
            return head.Length == 40 && head.All(char.IsAsciiHexDigitLower) ? head : null;
        }
        catch (IOException)
        {
            return null;
        }
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
            PlaceSpare(run, making, SparePrefix + i);
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
        Spares(run).Where(d => MakerPid(Path.GetFileName(d)) is not { } pid || !ProcessIdentity.IsRunning(pid));

    /// <summary>The pid in `_making-N-PID` (or `_making-N-PID.pool-taking`) or `_recycling-PID-TASK`, or null
    /// for another name.</summary>
    internal static int? MakerPid(string name)
    {
        string? pid = null;
        if (name.StartsWith("_making-", StringComparison.Ordinal))
        {
            var parts = name["_making-".Length..].Split('.')[0].Split('-');
            if (parts.Length == 2) pid = parts[1];
        }
        else if (name.StartsWith(RecyclingPrefix, StringComparison.Ordinal))
        {
            pid = name[RecyclingPrefix.Length..].Split('-')[0];
        }
        return int.TryParse(pid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>A spare a live process is making or recycling (`_making-*`, `_recycling-*`); one a dead process
    /// left is never finished, so nobody waits for it.</summary>
    private static bool BeingMade(string dir) =>
        Path.GetFileName(dir) is var name && (name.StartsWith("_making-", StringComparison.Ordinal) || name.StartsWith(RecyclingPrefix, StringComparison.Ordinal))
        && MakerPid(name) is { } pid && ProcessIdentity.IsRunning(pid);

    /// <summary>Spares left over at the end of a run (and those being made or recycled).</summary>
    public static IEnumerable<string> Spares(RunContext run)
    {
        var runRoot = Path.GetDirectoryName(run.StageWorktree(SparePrefix + 1))!;
        return Directory.Exists(runRoot)
            ? Directory.GetDirectories(runRoot).Where(d => IsSpare(d) || Path.GetFileName(d) is var name
                && (name.StartsWith("_making-", StringComparison.Ordinal) || name.StartsWith(RecyclingPrefix, StringComparison.Ordinal)))
            : [];
    }

    /// <summary>What a task may take over, best first, each with the ready marker to delete when it is taken and
    /// the commit it is clean at (spares only: made or recycled by otto and used by nobody since).</summary>
    private static IEnumerable<(string Source, string? ReadyMarker, string? CleanAt)> Candidates(RunContext run, RunState state, string taskId, string start)
    {
        var spares = Spares(run).Where(IsSpare).Select(d => (Dir: d, Head: DetachedHead(d)));
        foreach (var (spare, head) in spares.OrderBy(s => s.Head == start ? 0 : 1).ThenBy(s => s.Dir, StringComparer.Ordinal))
            yield return (spare, null, head);
        if (state.PlanVersion > 0 && state.ActiveStage?.Stage is not (Stage.Classify or Stage.Plan))
            yield return (run.StageWorktree("planner"), null, null);
        foreach (var done in state.Tasks.Where(t => t.Phase == TaskPhase.Merged && t.Id != taskId))
            yield return (run.TaskWorktree(done.Id), Path.Combine(run.Paths.TaskDir(done.Id), "worktree-ready"), null);
    }

    private static FileLock Lock(RunContext run)
    {
        var runRoot = Path.GetDirectoryName(run.StageWorktree("planner"))!;
        Directory.CreateDirectory(runRoot);
        return FileLock.Acquire(Path.Combine(runRoot, ".recycle.lock"));
    }
}
