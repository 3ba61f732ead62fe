using Otto.Ownership;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// Who fixes a finding (pure): the planned task that owns its path — for a shared file, the foundation
/// task that owns it — or, for a path nobody owns and for what has no path (a review's body, a failing
/// check), the integration task. Routing is by ownership, because ownership is what the integrator
/// enforces: a task asked to fix a path it does not own could not land the fix.
/// </summary>
public static class FindingRouter
{
    public sealed record Routes(IReadOnlyDictionary<string, IReadOnlyList<Finding>> ByTask, IReadOnlyList<Finding> Unowned);

    public static Routes Route(RunState state, IEnumerable<Finding> findings)
    {
        var shared = state.SharedFiles.Select(PathPattern.Parse).ToList();
        var planned = state.Tasks.Where(t => !t.Added).OrderBy(t => t.Order).Select(t => (Task: t, Owned: t.OwnedPaths.Select(PathPattern.Parse).ToList())).ToList();
        var byTask = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        var unowned = new List<Finding>();
        foreach (var finding in findings)
        {
            var owner = finding.Path is not { Length: > 0 } path ? null : planned.FirstOrDefault(p =>
                p.Owned.Any(o => o.Matches(path)) && (p.Task.Role == TaskRole.Foundation || !shared.Any(s => s.Matches(path)))).Task;
            if (owner is null) unowned.Add(finding);
            else
            {
                if (!byTask.TryGetValue(owner.Id, out var list)) byTask[owner.Id] = list = [];
                list.Add(finding);
            }
        }
        return new Routes(byTask.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Finding>)kv.Value, StringComparer.Ordinal), unowned);
    }

    /// <summary>The findings as one text, most severe first: the fix prompt quotes it and the breaker signs it.</summary>
    public static string Describe(IEnumerable<Finding> findings) => string.Join("\n", findings
        .OrderBy(f => SeverityRank(f.Severity))
        .Select(f => $"- [{f.Severity}] {(f.Path is null ? "" : f.Line is { } line ? $"{f.Path}:{line}: " : $"{f.Path}: ")}{f.Message.Trim()}"));

    /// <summary>Blocker and major findings are fixed; minor ones and nits are reported.</summary>
    public static bool Blocks(Finding finding) => finding.Severity is "blocker" or "major";

    /// <summary>blocker, major, minor, nit: most severe first.</summary>
    public static int SeverityRank(string severity) => severity switch
    {
        "blocker" => 0,
        "major" => 1,
        "minor" => 2,
        "nit" => 3,
        _ => 4,
    };
}
