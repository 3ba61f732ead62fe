namespace Otto.Platform;

/// <summary>
/// Work done ahead of need (the spare worktrees made while classify and plan run) at the lowest CPU
/// priority, so it uses what the stages leave idle instead of slowing them: on 2 cores, three spare
/// checkouts of a 1,000-file repository beside the classify stage made run_started -> plan accepted
/// ~350 ms longer (`worktree_pool: 0`, which makes none, against the default). Linux keeps the nice value
/// per thread and a forked process inherits its parent thread's, so lowering the calling thread's covers
/// the git processes it starts, and theirs. Never raised again: an unprivileged process cannot, so only a
/// thread of its own (not a pool thread) may call this.
/// </summary>
public static class BackgroundPriority
{
    /// <summary>nice 19, the lowest.</summary>
    public const int Nice = 19;

    /// <summary>Lowers the calling thread to <see cref="Nice"/>; false where that is not possible (not Linux, or refused).</summary>
    public static bool LowerThisThread() =>
        OperatingSystem.IsLinux() && Libc.SetPriority(Libc.PriorityProcess, Libc.GetThreadId(), Nice) == 0;
}
