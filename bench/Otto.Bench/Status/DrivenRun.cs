using Otto.Engine;
using Otto.Platform;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Bench.Status;

/// <summary>
/// What a driver gives a run that `otto status` sees: the driver lock held, and the checkout looked at every
/// few seconds (<see cref="CheckoutLooker"/>, the driver's own). Status on a run that is going is what the
/// status-view serves; <see cref="Release"/> and <see cref="Hold"/> make it a run nothing drives for a while
/// (a stale one: status then looks at the checkout itself).
/// </summary>
public sealed class DrivenRun : IDisposable
{
    private readonly RunPaths _paths;
    private readonly CheckoutLooker? _looker;
    private FileLock? _lock;

    public DrivenRun(RunPaths paths)
    {
        _paths = paths;
        Hold();
        _looker = CheckoutLooker.StartFor(paths);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_looker is not null && !File.Exists(CheckoutLookFile.PathOf(paths)))
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("the checkout looker wrote no look in 30 s");
            Thread.Sleep(10);
        }
    }

    public void Hold() => _lock ??= FileLock.Acquire(_paths.DriverLock);

    public void Release()
    {
        _lock?.Dispose();
        _lock = null;
    }

    public void Dispose()
    {
        _looker?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Release();
    }
}
