using Otto.Events;
using Otto.Planning;

namespace Otto.Ownership;

/// <summary>
/// Who owns a path under a plan: a contract's owner for a contract path, the foundation for a shared file,
/// otherwise the task whose owned paths name it most precisely (plan order breaks ties); null when no task
/// owns it. Hooks name this owner when they refuse a change, and amendments are routed to it.
/// </summary>
public sealed class PathOwners
{
    private readonly IReadOnlyList<(string Path, PathPattern Pattern, string Owner)> _contracts;
    private readonly IReadOnlyList<PathPattern> _shared;
    private readonly IReadOnlyList<(PlanTask Task, IReadOnlyList<PathPattern> Owned)> _tasks;

    public PathOwners(PlanDocument plan)
    {
        _contracts = plan.Contracts.Select(c => (c.Path, PathPattern.Parse(c.Path), c.Owner)).ToList();
        _shared = plan.SharedFiles.Select(PathPattern.Parse).ToList();
        _tasks = plan.Tasks.Select(t => (t, (IReadOnlyList<PathPattern>)t.OwnedPaths.Select(PathPattern.Parse).ToList())).ToList();
    }

    /// <summary>The id of the task that owns the path, or null ("no task").</summary>
    public string? OwnerOf(string path)
    {
        foreach (var (_, pattern, owner) in _contracts)
        {
            if (pattern.Matches(path)) return owner;
        }
        var foundations = _tasks.Where(t => t.Task.Role == TaskRole.Foundation).ToList();
        if (_shared.Any(s => s.Matches(path)))
        {
            var holder = foundations.FirstOrDefault(f => f.Owned.Any(p => p.Matches(path)));
            return (holder.Task ?? foundations.FirstOrDefault().Task)?.Id;
        }
        string? best = null;
        var bestScore = -1;
        foreach (var (task, owned) in _tasks)
        {
            foreach (var pattern in owned.Where(p => p.Matches(path)))
            {
                var score = Specificity(pattern);
                if (score > bestScore) (best, bestScore) = (task.Id, score);
            }
        }
        return best;
    }

    /// <summary>Literal segments count twice as much as wildcard ones, so `src/api/routes.py` beats `src/**`.</summary>
    private static int Specificity(PathPattern pattern) =>
        pattern.Text.TrimEnd('/').Split('/').Sum(s => s.IndexOfAny(['*', '?']) < 0 ? 2 : s == "**" ? 0 : 1);
}
