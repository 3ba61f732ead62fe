using Otto.Git;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// The planner's checkout, begun while the run is still being created: its checks are done and the base
/// commit is known, but writing the run folder, its key, run.json and the first event takes ~150 ms that
/// the classify stage would otherwise spend waiting for the whole repository to be checked out after them.
/// It is made in the pool's folder (`_pool/early-PID-ID`, a name the pool never hands out) and moved into
/// place once the run exists (<see cref="HandTo"/>); if the run is not created after all, it goes back to the
/// pool when it came from there, and is removed otherwise. One left by a killed process is `otto gc`'s
/// (<see cref="WorktreePool.Surplus"/>).
/// </summary>
public sealed class EarlyPlannerCheckout : IDisposable
{
    internal const string Prefix = "early-";

    private readonly GitRepo _repo;
    private readonly string _worktreeRoot;
    private readonly int _poolSize;
    private readonly Task<bool> _making; // true when the checkout was taken from the pool
    private bool _handedOver;

    private EarlyPlannerCheckout(GitRepo repo, string worktreeRoot, int poolSize, string commit)
    {
        (_repo, _worktreeRoot, _poolSize) = (repo, worktreeRoot, poolSize);
        Dir = Path.Combine(WorktreePool.Dir(worktreeRoot), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        _making = Task.Factory.StartNew(() =>
        {
            if (WorktreePool.TryTake(repo, worktreeRoot, Dir, commit)) return true;
            repo.AddDetachedWorktree(Dir, commit);
            return false;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Where the checkout is being made.</summary>
    public string Dir { get; }

    public static EarlyPlannerCheckout Begin(GitRepo repo, string worktreeRoot, int poolSize, string commit) =>
        new(repo, worktreeRoot, poolSize, commit);

    /// <summary>
    /// The run exists: the checkout becomes its planner's worktree. The planner's lock is taken here, before
    /// this returns, and held until the checkout is in place, so the driver and the first stage wait for this
    /// checkout rather than start another. A failed checkout is only a lost head start: the first stage makes
    /// its own and says why if it cannot.
    /// </summary>
    public void HandTo(RunInfo info)
    {
        var held = PlannerWorktree.Lock(info);
        _handedOver = true;
        // Not a background thread: a process that ends meanwhile finishes the move first, rather than leave
        // the checkout half-made in the pool's folder.
        new Thread(() =>
        {
            try
            {
                _making.Wait();
                PlannerWorktree.Adopt(_repo, info, Dir);
            }
            catch (Exception)
            {
                // On a thread of its own an exception nobody catches would end the whole process.
            }
            finally
            {
                held.Dispose();
            }
        }) { Name = "otto early planner checkout" }.Start();
    }

    /// <summary>When the run was not created: the checkout is not left behind.</summary>
    public void Dispose()
    {
        if (_handedOver) return;
        bool fromPool;
        try
        {
            fromPool = _making.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            fromPool = false;
        }
        if (fromPool) WorktreePool.Return(_repo, _worktreeRoot, _poolSize, [Dir]);
        else _repo.RemoveWorktree(Dir);
    }

    /// <summary>The pid in an early checkout's name, or null for another name.</summary>
    internal static int? MakerPid(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var pid = name[Prefix.Length..].Split('-')[0];
        return int.TryParse(pid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
