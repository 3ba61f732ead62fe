using System.Globalization;
using System.Text.Json.Nodes;

namespace Otto.Planning;

/// <summary>
/// The newest accepted plan of a run (`plan-vN.json`, the highest N), read without the run's event log
/// and without validating it again: it was validated when it was accepted, and the hooks that read it
/// must start fast.
/// </summary>
public static class AcceptedPlan
{
    public sealed record Found(int Version, string Path, PlanDocument Plan);

    /// <summary>The newest plan, or null when the run has accepted none (or the folder is gone).</summary>
    public static Found? Latest(string runDir)
    {
        if (!Directory.Exists(runDir)) return null;
        var newest = Directory.EnumerateFiles(runDir, "plan-v*.json")
            .Select(f => (File: f, Version: VersionOf(Path.GetFileName(f))))
            .Where(p => p.Version > 0)
            .OrderByDescending(p => p.Version)
            .FirstOrDefault();
        if (newest.File is null) return null;
        var (json, error) = ContractFile.Read(newest.File, newest.File);
        if (json is null) throw new InvalidDataException(error);
        return new Found(newest.Version, newest.File, PlanValidator.ToDocument(json));
    }

    /// <summary>N of "plan-vN.json", or 0 for any other name.</summary>
    private static int VersionOf(string name)
    {
        const string prefix = "plan-v", suffix = ".json";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal)) return 0;
        var digits = name[prefix.Length..^suffix.Length];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    public static PlanDocument Parse(JsonObject json) => PlanValidator.ToDocument(json);
}
