using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Otto.Platform;

/// <summary>
/// Enumerates a sequence on a background thread, at most <c>ahead</c> items before its consumer, so the
/// two overlap (a log's next batch is checked and parsed while this one is folded). The consumer sees the
/// items in order, and the producer's exception where it would have seen it. Stopping early — leaving the
/// loop, or an exception in it — stops the producer and waits for it, so whatever the producer uses (a
/// file, a pooled buffer) is not in use when the consumer's next line runs.
/// </summary>
public static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int ahead)
    {
        using var queue = new BlockingCollection<T>(ahead);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var item in source)
                {
                    queue.Add(item, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the consumer stopped early
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var item in queue.GetConsumingEnumerable())
            {
                yield return item;
            }
            producer.Wait();
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Wait();
        }
    }
}
