namespace Otto.Platform;

/// <summary>
/// ENOSPC, wherever it shows: an IOException from a write (errno 28), or a child's words ("No space left on
/// device", as git and most programs print it). A full disk is the environment's problem, not an agent's
/// and not otto's: the run ends with cause `environment` (exit 4), and `otto resume` carries on once there
/// is room again.
/// </summary>
public static class DiskFull
{
    private const int Enospc = 28;
    public const string Words = "No space left on device";

    /// <summary>Less free space than this on a folder's file system counts as full.</summary>
    private const long NearlyFull = 1024 * 1024;

    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException && (e.HResult & 0xFFFF) == Enospc) return true;
            if (Says(e.Message)) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)) return true;
        }
        return false;
    }

    public static bool Says(string? text) => text is not null && text.Contains(Words, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the file system holding <paramref name="path"/> has (almost) no room left.</summary>
    public static bool Near(string path)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace < NearlyFull;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string Reason(string where) =>
        $"the disk is full ({Words}) where otto writes {where}; free some space, then `otto resume` carries the run on from where it stopped";
}
