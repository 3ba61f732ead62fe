using System.Runtime.InteropServices;

namespace Otto.Platform;

/// <summary>An exclusive OS advisory lock (flock) on a file, released on dispose or process death.</summary>
public sealed class FileLock : IDisposable
{
    private int _fd;

    private FileLock(int fd) => _fd = fd;

    /// <summary>Blocks until the lock is held.</summary>
    public static FileLock Acquire(string path) =>
        TryLock(path, Libc.LockExclusive) ?? throw new IOException($"could not lock {path}");

    /// <summary>Returns null at once when another process holds the lock.</summary>
    public static FileLock? TryAcquire(string path) => TryLock(path, Libc.LockExclusive | Libc.LockNonBlocking);

    /// <summary>The lock, waiting up to <paramref name="wait"/> for it; null when it is still held then. A holder
    /// for a moment is no owner: <see cref="IsHeld"/> takes the lock to probe it (`otto status` does, any time), and
    /// a child forked while a lock's descriptor was open holds it until it execs.</summary>
    public static async Task<FileLock?> TryAcquireWithinAsync(string path, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            if (TryAcquire(path) is { } acquired) return acquired;
            if (DateTime.UtcNow > deadline) return null;
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>True when some process holds the lock now; takes and drops it to find out.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        using var probe = TryAcquire(path);
        return probe is null;
    }

    private static FileLock? TryLock(string path, int operation)
    {
        var fd = Libc.OpenForLock(path);
        if (fd < 0) throw new IOException($"could not open lock file {path} (errno {Marshal.GetLastPInvokeError()})");
        while (true)
        {
            if (Libc.Flock(fd, operation) == 0) return new FileLock(fd);
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Libc.ErrorInterrupted) continue;
            Libc.Close(fd);
            if (errno == Libc.ErrorWouldBlock) return null;
            throw new IOException($"could not lock {path} (errno {errno})");
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Libc.Close(fd);
    }
}
