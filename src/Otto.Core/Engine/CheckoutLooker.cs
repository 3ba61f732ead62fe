using System.Diagnostics;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// While a driver drives a run, it looks at the user's checkout every few seconds and keeps what it saw in
/// checkout-look (<see cref="CheckoutLookFile"/>), which `otto status` shows instead of looking itself. A look
/// is one `git status` in the checkout, read-only; on a checkout where it is slow, looks are spaced so that
/// they take at most a twentieth of one core. A look stands for twice <see cref="Interval"/> from when it began,
/// however far apart looks are spaced (an agent can make `git status` slow): past that, status looks for itself.
/// A look that fails is skipped. Disposing stops the looks and removes the file: a finished run's status shows
/// what its end recorded.
/// </summary>
public sealed class CheckoutLooker : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private const int MaxShareOfOneCore = 20;

    private readonly RunPaths _paths;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private CheckoutLooker(RunPaths paths)
    {
        _paths = paths;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Starts looking when the run recorded the checkout at its start; null when there is nothing to compare with.</summary>
    public static CheckoutLooker? StartFor(RunPaths paths) => CheckoutWatch.IsRecorded(paths) ? new CheckoutLooker(paths) : null;

    /// <summary>How long to wait after a look that took <paramref name="took"/>.</summary>
    public static TimeSpan NextAfter(TimeSpan took) => took * MaxShareOfOneCore > Interval ? took * MaxShareOfOneCore : Interval;

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var began = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            Look(began);
            try
            {
                await Task.Delay(NextAfter(clock.Elapsed), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Look(DateTimeOffset began)
    {
        try
        {
            // Null: git could not read the checkout (the run has a record, or no looker would run): nothing to show.
            if (CheckoutWatch.Current(_paths) is not { } changed) return;
            if (_stop.IsCancellationRequested) return; // a look that ended after Dispose would outlive the run's end
            CheckoutLookFile.Save(_paths, changed, began, began + Interval + Interval);
        }
        catch (Exception)
        {
            // No look this time (git could not start, the disk is full, the run folder is being removed): status
            // looks for itself meanwhile, and the next look may do better.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        CheckoutLookFile.Remove(_paths);
        _stop.Dispose();
    }
}
