using System.Text.RegularExpressions;

namespace Otto.Runs;

/// <summary>
/// The temp files otto writes before a rename (AtomicFile's `NAME.PID.GUID.tmp`: live.json, heartbeats,
/// state.json, final.json; the wrapper's `pid.tmp` and `exit_code.tmp`) that a crash left behind. A temp
/// file lives for milliseconds, so one older than <see cref="Age"/> has lost its writer. Only otto's own
/// names are touched: an agent may keep a `.tmp` of its own in its attempt folder.
/// </summary>
public static partial class TempFiles
{
    public static readonly TimeSpan Age = TimeSpan.FromSeconds(10);

    private static readonly HashSet<string> WrapperTemps = ["pid.tmp", "exit_code.tmp"];

    /// <summary>Deletes the abandoned temp files of a run folder; returns their paths relative to it.</summary>
    public static IReadOnlyList<string> Clean(RunPaths paths)
    {
        var removed = new List<string>();
        foreach (var file in Abandoned(paths))
        {
            try
            {
                File.Delete(file);
                removed.Add(Path.GetRelativePath(paths.Dir, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone already, or not ours to delete: either way nothing to clean.
            }
        }
        return removed;
    }

    public static IEnumerable<string> Abandoned(RunPaths paths)
    {
        if (!Directory.Exists(paths.Dir)) return [];
        var cutoff = DateTime.UtcNow - Age;
        return Directory.EnumerateFiles(paths.Dir, "*.tmp", SearchOption.AllDirectories)
            .Where(f => AtomicName().IsMatch(Path.GetFileName(f)) || WrapperTemps.Contains(Path.GetFileName(f)))
            .Where(f => File.GetLastWriteTimeUtc(f) < cutoff)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"\.[0-9]+\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex AtomicName();
}
