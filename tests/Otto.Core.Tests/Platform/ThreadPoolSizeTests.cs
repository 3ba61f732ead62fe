using Otto.Platform;

namespace Otto.Tests.Platform;

/// <summary>A run's process must have threads for its jobs from the start, not after the pool's slow growth.</summary>
public sealed class ThreadPoolSizeTests
{
    [Fact]
    public void The_pool_starts_with_threads_for_every_slot_and_is_never_made_smaller()
    {
        ThreadPoolSize.EnsureFor(6);
        ThreadPool.GetMinThreads(out var afterSix, out _);

        ThreadPoolSize.EnsureFor(1);
        ThreadPool.GetMinThreads(out var afterOne, out _);

        Assert.True(afterSix >= 4 * 6 + 8, $"min worker threads {afterSix}");
        Assert.Equal(afterSix, afterOne);
    }
}
