using Otto.Platform;

namespace Otto.Runs;

/// <summary>Whole-file writes that readers never see half-done: write a temp file, fsync, rename.</summary>
public static class AtomicFile
{
    /// <param name="durable">fsync before the rename; heartbeats and caches skip it.</param>
    public static void Write(string path, string content, bool durable = true) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(content), durable);

    /// <param name="durable">fsync before the rename; heartbeats and caches skip it.</param>
    public static void Write(string path, byte[] content, bool durable = true)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                if (durable) DurableFlush.Flush(stream);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            // A full disk, typically: leave the old file whole and no half-written temp behind.
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes only if the file does not exist yet; returns false when it already did.</summary>
    public static bool WriteOnce(string path, string content)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, content);
        try
        {
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temp stays; resume and gc remove otto's stale temp files.
        }
    }
}
