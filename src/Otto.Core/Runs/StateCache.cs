namespace Otto.Runs;

/// <summary>state.json: the folded state up to a seq and byte offset, so readers fold only what is newer
/// (marked with the run's key, <see cref="FileSeal"/>);
/// and beside it status-view, what `otto status` says of that state (<see cref="Reporting.StatusViewFile"/>).</summary>
public static class StateCache
{
    public static RunState? Load(RunPaths paths)
    {
        try
        {
            // Not this run's sealed cache (rewritten by someone else, say): the log is folded instead.
            if (FileSeal.Open(File.ReadAllBytes(paths.State), paths, FileSeal.StateName) is not { } json) return null;
            var state = StateJsonReader.TryRead(json);
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
            var json = System.Text.Encoding.UTF8.GetBytes(StateJsonWriter.Write(state));
            AtomicFile.Write(paths.State, FileSeal.Seal(json, paths, FileSeal.StateName), durable: false);
            Reporting.StatusViewFile.Save(paths, state);
        }
        catch (IOException e) when (Platform.DiskFull.Is(e))
        {
            // Only a cache: the next reader folds the log instead. The full disk is reported where it matters.
        }
    }
}
