namespace Otto.Platform;

/// <summary>
/// Enough thread-pool threads for a run's jobs from the start. Each job blocks a pool thread while a git
/// process runs (a synchronous wait), and the pool starts with one thread per core and adds more only
/// about twice a second when all are busy: on 2 cores, four tasks starting at once waited 2-2.6 s for
/// their worktrees (`otto-bench speedup`), most of it for threads, not for git.
/// </summary>
public static class ThreadPoolSize
{
    /// <summary>Threads a running job may block at once (its git work, its agent's output readers), and
    /// some for the driver's loop, the spares and the heartbeats.</summary>
    private const int PerJob = 4;
    private const int Spare = 8;

    public static void EnsureFor(int jobs)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = PerJob * Math.Max(1, jobs) + Spare;
        if (workers < wanted) ThreadPool.SetMinThreads(wanted, io);
    }
}
