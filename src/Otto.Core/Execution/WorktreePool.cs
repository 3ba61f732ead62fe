using Otto.Git;
using Otto.Platform;

namespace Otto.Execution;

/// <summary>
/// Idle worktrees kept per repository between runs, under WORKTREE_ROOT/_pool/ (bounded by `worktree_pool`):
/// a finished run returns its spare, planner and (after a success) task worktrees here, detached, instead of
/// deleting them; a new run takes them for its spares and its planner, so its first layer switches a
/// checkout (only the files that differ) instead of creating every file of the repository.
/// A pooled worktree is verified clean before use — no changes, no untracked or ignored leftovers, no
/// `.ai/`, no task marker or merge state in its git folder — and removed if it cannot be made so.
/// It is prepared under a temporary name beside its target and moved into place only when clean, so a
/// crash half-way leaves a half-prepared worktree nobody uses (the run's worktrees go with `otto gc`), never
/// a dirty one in use. One lock per repository's pool keeps two runs (or two spares, or gc) from taking
/// the same slot.
/// </summary>
public static class WorktreePool
{
    private const string SlotPrefix = "slot-";
    private const string TakingSuffix = ".pool-taking";

    /// <summary>Files otto or git leave in a worktree's own git folder that must not follow it into
    /// another use: the task marker and plan copy of otto's hooks, and a merge in progress.</summary>
    private static readonly string[] PerUseGitFiles =
        [Hooks.TaskWorktree.MarkerFile, Hooks.TaskWorktree.PlanCopyFile, "MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE"];

    public static string Dir(string worktreeRoot) => Path.Combine(worktreeRoot, "_pool");

    /// <summary>The pooled worktrees, oldest name first.</summary>
    public static IReadOnlyList<string> Slots(string worktreeRoot)
    {
        var dir = Dir(worktreeRoot);
        return Directory.Exists(dir)
            ? [.. Directory.GetDirectories(dir).Where(d => Path.GetFileName(d).StartsWith(SlotPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Moves a pooled worktree to <paramref name="target"/>, switched (detached) to
    /// <paramref name="commit"/> and verified clean. False when the pool had none that could be made clean.</summary>
    public static bool TryTake(GitRepo repo, string worktreeRoot, string target, string commit)
    {
        var taking = target + TakingSuffix;
        if (Directory.Exists(taking)) repo.RemoveWorktree(taking); // a take a crash interrupted
        while (true)
        {
            if (!TryMoveOut(repo, worktreeRoot, taking)) return false;
            if (SwitchClean(new GitRepo(taking), commit) && repo.MoveWorktree(taking, target).Ok) return true;
            repo.RemoveWorktree(taking); // not clean even after cleaning: never hand it out
        }
    }

    /// <summary>A detached worktree of <paramref name="commit"/> at <paramref name="target"/>: a pooled one
    /// switched and verified clean when the pool has one, else a fresh checkout.</summary>
    public static void TakeOrAdd(GitRepo repo, string worktreeRoot, string target, string commit)
    {
        if (!TryTake(repo, worktreeRoot, target, commit)) repo.AddDetachedWorktree(target, commit);
    }

    /// <summary>Returns worktrees to the pool while it has room (detached, so no branch stays checked out
    /// in the pool); the rest are removed. Worktrees that do not exist are skipped.</summary>
    public static void Return(GitRepo repo, string worktreeRoot, int size, IEnumerable<string> worktrees)
    {
        foreach (var worktree in worktrees)
        {
            if (!File.Exists(Path.Combine(worktree, ".git")))
            {
                if (Directory.Exists(worktree)) repo.RemoveWorktree(worktree);
                continue;
            }
            var kept = false;
            if (size > 0 && new GitRepo(worktree).Git("checkout", "--quiet", "--detach").Ok)
            {
                using var guard = Lock(worktreeRoot);
                var slot = Path.Combine(Dir(worktreeRoot), SlotPrefix + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff") + "-" + Guid.NewGuid().ToString("N")[..6]);
                kept = Slots(worktreeRoot).Count < size && repo.MoveWorktree(worktree, slot).Ok;
            }
            if (!kept) repo.RemoveWorktree(worktree);
        }
    }

    /// <summary>The pooled worktrees `otto gc` removes: broken ones (no .git), then the oldest beyond
    /// <paramref name="size"/>; and early planner checkouts whose `otto build` died before the run existed.</summary>
    public static IReadOnlyList<string> Surplus(string worktreeRoot, int size)
    {
        var slots = Slots(worktreeRoot);
        var broken = slots.Where(s => !File.Exists(Path.Combine(s, ".git"))).ToList();
        var valid = slots.Except(broken).ToList();
        var orphans = Directory.Exists(Dir(worktreeRoot))
            ? Directory.GetDirectories(Dir(worktreeRoot)).Where(d => EarlyPlannerCheckout.MakerPid(Path.GetFileName(d)) is { } pid && !ProcessIdentity.IsRunning(pid))
            : [];
        return [.. broken, .. valid.Take(Math.Max(0, valid.Count - size)), .. orphans.Order(StringComparer.Ordinal)];
    }

    /// <summary>Removes one slot under the pool's lock (so no run is taking it meanwhile); a slot a run
    /// took since it was listed is gone already and left alone.</summary>
    public static void Remove(GitRepo repo, string worktreeRoot, string slot)
    {
        using var guard = Lock(worktreeRoot);
        if (Directory.Exists(slot)) repo.RemoveWorktree(slot);
    }

    private static bool TryMoveOut(GitRepo repo, string worktreeRoot, string target)
    {
        // Not even the lock when there is nothing to take (a pool of size 0 keeps its folder empty, for gc).
        if (Slots(worktreeRoot).Count == 0) return false;
        using var guard = Lock(worktreeRoot);
        foreach (var slot in Slots(worktreeRoot))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(Path.Combine(slot, ".git")) && repo.MoveWorktree(slot, target).Ok) return true;
            repo.RemoveWorktree(slot); // broken (a crash while it was moved in): of no use to anyone
        }
        return false;
    }

    /// <summary>Switches a worktree (detached) to <paramref name="commit"/>, touching only the files that differ,
    /// removes everything untracked or ignored and what an earlier use left in its git folder, then verifies it
    /// is as clean as a fresh checkout: no change, no untracked or ignored file, no `.ai/`, HEAD at the commit.</summary>
    internal static bool SwitchClean(GitRepo worktree, string commit)
    {
        foreach (var file in PerUseGitFiles) File.Delete(Path.Combine(worktree.GitDir, file));
        if (!worktree.Git("checkout", "--quiet", "--force", "--detach", commit).Ok) return false;
        if (!worktree.Git("clean", "-ffdxq").Ok) return false;
        var leftovers = worktree.Git("status", "--porcelain=v1", "--untracked-files=all", "--ignored");
        return leftovers.Ok && leftovers.Stdout.Length == 0 && !Directory.Exists(Path.Combine(worktree.Root, ".ai"))
            && worktree.Objects.TryResolveCommit("HEAD") == commit;
    }

    private static FileLock Lock(string worktreeRoot)
    {
        Directory.CreateDirectory(Dir(worktreeRoot));
        return FileLock.Acquire(Path.Combine(Dir(worktreeRoot), ".pool.lock"));
    }
}
