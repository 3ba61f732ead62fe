namespace Otto.Runs;

/// <summary>The runs of a repository, newest first (run ids sort by time).</summary>
public static class RunCatalog
{
    public static IReadOnlyList<string> Ids(OttoHome home) =>
        Directory.Exists(home.RunsDir)
            ? Directory.GetDirectories(home.RunsDir).Select(Path.GetFileName).OfType<string>()
                .Where(RunId.IsValid).Where(id => File.Exists(Path.Combine(home.RunsDir, id, "run.json")))
                .OrderDescending(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The status `otto runs` and `otto status` give an abandoned run folder.</summary>
    public const string AbandonedStatus = "abandoned";

    /// <summary>A reserved folder is this old before a missing run.json means its creation was interrupted.</summary>
    public static readonly TimeSpan CreationWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Run folders that were reserved but never became runs: no run.json, nobody creating them (creation
    /// holds driver.lock), and older than <see cref="CreationWindow"/>. A crash between reserving the id
    /// and writing run.json leaves one. `otto runs` lists them as abandoned, `otto gc` removes them.
    /// </summary>
    public static IReadOnlyList<string> Abandoned(OttoHome home)
    {
        if (!Directory.Exists(home.RunsDir)) return [];
        var cutoff = DateTime.UtcNow - CreationWindow;
        return Directory.GetDirectories(home.RunsDir).Select(Path.GetFileName).OfType<string>()
            .Where(RunId.IsValid)
            .Where(id => IsAbandoned(home.Run(id), cutoff))
            .OrderDescending(StringComparer.Ordinal).ToList();
    }

    public static bool IsAbandoned(RunPaths paths) => IsAbandoned(paths, DateTime.UtcNow - CreationWindow);

    private static bool IsAbandoned(RunPaths paths, DateTime cutoff) =>
        Directory.Exists(paths.Dir) && !File.Exists(paths.RunJson)
        && Directory.GetLastWriteTimeUtc(paths.Dir) < cutoff
        && !Platform.FileLock.IsHeld(paths.DriverLock);

    /// <summary>The given run id, or the newest run when none is given.</summary>
    public static string Resolve(OttoHome home, string? runId)
    {
        if (runId is not null)
        {
            if (!RunId.IsValid(runId) || !File.Exists(home.Run(runId).RunJson))
                throw new OttoException($"there is no run `{runId}` in {home.RunsDir} (see `otto runs`)");
            return runId;
        }
        return Ids(home).FirstOrDefault()
            ?? throw new OttoException($"there are no runs in {home.RunsDir} yet; start one with `otto build \"...\"`");
    }
}
