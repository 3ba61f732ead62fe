namespace Otto.Runs;

/// <summary>state.json: the folded state up to a seq and byte offset, so readers fold only what is newer;
/// and beside it status-view, what `otto status` says of that state (<see cref="Reporting.StatusViewFile"/>).</summary>
public static class StateCache
{
    public static RunState? Load(RunPaths paths)
    {
        try
        {
            var state = StateJsonReader.TryRead(File.ReadAllBytes(paths.State));
            return state is not null && state.RunId == paths.RunId ? state : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static void Save(RunPaths paths, RunState state)
    {
        if (!Directory.Exists(paths.Dir)) return;
        try
        {
            AtomicFile.Write(paths.State, StateJsonWriter.Write(state), durable: false);
            Reporting.StatusViewFile.Save(paths, state);
        }
        catch (IOException e) when (Platform.DiskFull.Is(e))
        {
            // Only a cache: the next reader folds the log instead. The full disk is reported where it matters.
        }
    }
}
