using Otto.Platform;
using Otto.Tests.Support;

namespace Otto.Tests.Platform;

public sealed class FileLockTests
{
    [Fact]
    public void A_held_lock_cannot_be_taken_until_it_is_released()
    {
        using var temp = new TempDir();
        var path = temp.File("run.lock");

        var held = FileLock.Acquire(path);
        Assert.Null(FileLock.TryAcquire(path));
        Assert.True(FileLock.IsHeld(path));

        held.Dispose();
        using var again = FileLock.TryAcquire(path);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_lock_held_for_a_moment_is_waited_for_and_one_held_throughout_is_not_taken()
    {
        using var temp = new TempDir();
        var path = temp.File("driver.lock");
        // What a status probing the lock, or a child forked while it was open, looks like to a starting driver.
        var moment = FileLock.Acquire(path);
        var released = Task.Run(async () =>
        {
            await Task.Delay(150);
            moment.Dispose();
        });

        using var taken = await FileLock.TryAcquireWithinAsync(path, TimeSpan.FromSeconds(5));
        await released;
        var refused = await FileLock.TryAcquireWithinAsync(path, TimeSpan.FromMilliseconds(200));

        Assert.NotNull(taken);
        Assert.Null(refused);
    }

    [Fact]
    public void A_missing_lock_file_is_not_held()
    {
        using var temp = new TempDir();

        Assert.False(FileLock.IsHeld(temp.File("driver.lock")));
    }

    [Fact]
    public async Task Acquire_waits_for_the_holder_to_let_go()
    {
        using var temp = new TempDir();
        var path = temp.File("run.lock");
        var held = FileLock.Acquire(path);
        var released = false;
        using var started = new SemaphoreSlim(0);

        var waiter = Task.Run(async () =>
        {
            started.Release();
            using var mine = FileLock.Acquire(path);
            return Volatile.Read(ref released);
        });
        await started.WaitAsync();
        var finishedEarly = await Task.WhenAny(waiter, Task.Delay(300)) == waiter;
        Volatile.Write(ref released, true);
        held.Dispose();

        Assert.False(finishedEarly);
        Assert.True(await waiter); // it got the lock only after the holder released it
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        using var temp = new TempDir();
        var held = FileLock.Acquire(temp.File("run.lock"));

        held.Dispose();
        held.Dispose();

        using var again = FileLock.TryAcquire(temp.File("run.lock"));
        Assert.NotNull(again);
    }
}
