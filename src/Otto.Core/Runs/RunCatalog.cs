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
