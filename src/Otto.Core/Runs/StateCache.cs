namespace Otto.Runs;

/// <summary>state.json: the folded state up to a seq and byte offset, so readers fold only what is newer.</summary>
public static class StateCache
{
    public static RunState? Load(RunPaths paths)
    {
        try
        {
            var state = StateJsonReader.TryRead(File.ReadAllText(paths.State));
            return state is not null && state.RunId == paths.RunId ? state : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Writes the cache when it can. It is only a cache: a write that fails (a full disk) leaves the
    /// old file, which readers recognise as behind and fold past, so it must never end the process.</summary>
    public static void Save(RunPaths paths, RunState state)
    {
        if (!Directory.Exists(paths.Dir)) return;
        try
        {
            AtomicFile.Write(paths.State, StateJsonWriter.Write(state), durable: false);
        }
        catch (IOException)
        {
            // Left behind as it was; the next save (or any reader's fold) catches up.
        }
    }
}
