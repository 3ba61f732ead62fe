namespace Otto.Planning;

/// <summary>Reachability over task dependencies: which tasks are ordered, and each task's remaining path length.</summary>
public sealed class TaskGraph
{
    private readonly Dictionary<string, IReadOnlyList<string>> _dependsOn;
    private readonly Dictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);

    public TaskGraph(IReadOnlyList<(string Id, IReadOnlyList<string> DependsOn)> tasks)
    {
        _dependsOn = tasks.ToDictionary(t => t.Id, t => t.DependsOn, StringComparer.Ordinal);
        foreach (var (id, _) in tasks) Ancestors(id, []);
    }

    /// <summary>True when one of the two tasks (transitively) depends on the other.</summary>
    public bool IsOrdered(string a, string b) => _ancestors[a].Contains(b) || _ancestors[b].Contains(a);

    /// <summary>For each task, the number of tasks on the longest path from it to the end of the graph
    /// (itself included): the scheduler starts the longest chains first.</summary>
    public IReadOnlyDictionary<string, int> RemainingPathLengths()
    {
        var dependents = _dependsOn.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (id, deps) in _dependsOn)
        {
            foreach (var dep in deps.Where(dependents.ContainsKey)) dependents[dep].Add(id);
        }
        var memo = new Dictionary<string, int>(StringComparer.Ordinal);
        int Length(string id) => memo.TryGetValue(id, out var known)
            ? known
            : memo[id] = 1 + dependents[id].Select(Length).DefaultIfEmpty(0).Max();
        return _dependsOn.Keys.ToDictionary(k => k, Length, StringComparer.Ordinal);
    }

    /// <summary>The most of <paramref name="among"/> at one depth (a task's depth: the longest chain of
    /// dependencies below it). Tasks at one depth never depend on each other, so this many may run at once;
    /// a chain has 1.</summary>
    public int WidestLayer(IEnumerable<string> among)
    {
        var memo = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(string id) => memo.TryGetValue(id, out var known)
            ? known
            : memo[id] = 1 + _dependsOn[id].Where(_dependsOn.ContainsKey).Select(Depth).DefaultIfEmpty(-1).Max();
        return among.Where(_dependsOn.ContainsKey).GroupBy(Depth).Select(g => g.Count()).DefaultIfEmpty(0).Max();
    }

    private HashSet<string> Ancestors(string id, HashSet<string> visiting)
    {
        if (_ancestors.TryGetValue(id, out var known)) return known;
        var result = new HashSet<string>(StringComparer.Ordinal);
        visiting.Add(id);
        foreach (var dep in _dependsOn.GetValueOrDefault(id) ?? [])
        {
            if (!_dependsOn.ContainsKey(dep) || visiting.Contains(dep)) continue;
            result.Add(dep);
            result.UnionWith(Ancestors(dep, visiting));
        }
        visiting.Remove(id);
        return _ancestors[id] = result;
    }
}
