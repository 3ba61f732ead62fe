using Otto.Git;
using Otto.Platform;

namespace Otto.Execution;

/// <summary>
/// Idle worktrees kept per repository between runs, under WORKTREE_ROOT/_pool/ (bounded by `worktree_pool`):
/// a finished run returns its spare, planner and (after a success) task worktrees here, detached, instead of
/// deleting them; a new run takes them for its spares, so its first layer switches a checkout (only the
/// files that differ) instead of creating every file of the repository. A pooled worktree is verified clean
/// before use — no changes, no untracked or ignored leftovers, no `.ai/` — and removed if it cannot be made so.
/// One lock per repository's pool keeps two runs (or two spares) from taking the same one.
/// </summary>
public static class WorktreePool
{
    private const string SlotPrefix = "slot-";

    public static string Dir(string worktreeRoot) => Path.Combine(worktreeRoot, "_pool");

    /// <summary>The pooled worktrees, oldest name first.</summary>
    public static IReadOnlyList<string> Slots(string worktreeRoot)
    {
        var dir = Dir(worktreeRoot);
        return Directory.Exists(dir)
            ? [.. Directory.GetDirectories(dir).Where(d => Path.GetFileName(d).StartsWith(SlotPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Moves a pooled worktree to <paramref name="target"/> and switches it (detached) to
    /// <paramref name="commit"/>, verified clean. False when the pool had none that could be made clean.</summary>
    public static bool TryTake(GitRepo repo, string worktreeRoot, string target, string commit)
    {
        while (true)
        {
            if (!TryMoveOut(repo, worktreeRoot, target)) return false;
            if (SwitchClean(new GitRepo(target), commit)) return true;
            repo.RemoveWorktree(target); // not clean even after cleaning: never hand it out
        }
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
                var slot = Path.Combine(Dir(worktreeRoot), SlotPrefix + Guid.NewGuid().ToString("N")[..12]);
                kept = Slots(worktreeRoot).Count < size && repo.Git("worktree", "move", worktree, slot).Ok;
            }
            if (!kept) repo.RemoveWorktree(worktree);
        }
    }

    /// <summary>The pooled worktrees beyond <paramref name="size"/> (the newest are kept), for `otto gc`.</summary>
    public static IReadOnlyList<string> Surplus(string worktreeRoot, int size)
    {
        var slots = Slots(worktreeRoot);
        var invalid = slots.Where(s => !File.Exists(Path.Combine(s, ".git"))).ToList();
        var valid = slots.Except(invalid).ToList();
        return [.. invalid, .. valid.Take(Math.Max(0, valid.Count - size))];
    }

    private static bool TryMoveOut(GitRepo repo, string worktreeRoot, string target)
    {
        using var guard = Lock(worktreeRoot);
        foreach (var slot in Slots(worktreeRoot))
        {
            if (!File.Exists(Path.Combine(slot, ".git")))
            {
                Directory.Delete(slot, recursive: true);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (repo.Git("worktree", "move", slot, target).Ok) return true;
        }
        return false;
    }

    /// <summary>Switches to the commit touching only the files that differ, removes everything untracked or
    /// ignored, then checks that nothing is left: no change, no stray file, no `.ai/`.</summary>
    private static bool SwitchClean(GitRepo worktree, string commit)
    {
        if (!worktree.Git("checkout", "--quiet", "--force", "--detach", commit).Ok) return false;
        if (!worktree.Git("clean", "-ffdxq").Ok) return false;
        var leftovers = worktree.Git("status", "--porcelain=v1", "--untracked-files=all", "--ignored");
        return leftovers.Ok && leftovers.Stdout.Length == 0 && !Directory.Exists(Path.Combine(worktree.Root, ".ai"));
    }

    private static FileLock Lock(string worktreeRoot)
    {
        Directory.CreateDirectory(Dir(worktreeRoot));
        return FileLock.Acquire(Path.Combine(Dir(worktreeRoot), ".pool.lock"));
    }
}
