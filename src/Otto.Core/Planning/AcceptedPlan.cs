using System.Text.Json;
using Otto.Events;

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
        // Versions count up from 1 with no gaps (each is the previous + 1): probing is a few stat calls,
        // cheaper for a hook than listing the folder.
        var version = 0;
        while (File.Exists(Path.Combine(runDir, $"plan-v{version + 1}.json"))) version++;
        return version == 0 ? null : Read(Path.Combine(runDir, $"plan-v{version}.json"), version);
    }

    /// <summary>A plan file (an accepted version, or the copy otto leaves beside a task worktree's marker).</summary>
    public static Found Read(string file, int version)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            return new Found(version, file, ToDocument(document.RootElement));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file} is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The plan's fields, read straight from the document: a hook starts faster without building a
    /// JsonNode tree (the same defaults as <see cref="PlanValidator"/>: role feature, empty lists).</summary>
    private static PlanDocument ToDocument(JsonElement root)
    {
        static string Text(JsonElement o, string name) =>
            o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        static IReadOnlyList<string> Strings(JsonElement o, string name) =>
            o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : "").ToList()
                : [];
        static IEnumerable<JsonElement> Objects(JsonElement o, string name) =>
            o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
                : [];
        var tasks = Objects(root, "tasks").Select(t => new PlanTask(
            Text(t, "id"), Text(t, "title"), Text(t, "description"), Wire.Parse<TaskRole>(Text(t, "role")),
            Strings(t, "depends_on"), Strings(t, "owned_paths"), Strings(t, "acceptance"),
            t.TryGetProperty("best_of", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var bestOf) ? bestOf : null)).ToList();
        var contracts = Objects(root, "contracts").Select(c => new PlanContract(Text(c, "path"), Text(c, "owner"))).ToList();
        return new PlanDocument(Text(root, "summary"), tasks, Strings(root, "shared_files"), contracts);
    }
}
