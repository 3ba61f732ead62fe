using Otto.Events;
using Otto.Ownership;
using Otto.Planning;

namespace Otto.Hooks;

/// <summary>
/// One task's ownership under the run's newest plan, as the hooks ask it: may this task change this
/// path, and if not, whose is it. The same decision as the integrator's (<see cref="TaskScope"/>), with
/// contract paths counted as shared files (they belong to their foundation, contracts.md).
/// </summary>
public sealed class TaskRules
{
    private readonly TaskScope _scope;
    private readonly Lazy<PathOwners> _owners;

    public TaskRules(PlanDocument plan, string taskId)
    {
        var task = plan.Tasks.FirstOrDefault(t => t.Id == taskId)
            ?? throw new OttoException($"the run's plan has no task `{taskId}`");
        TaskId = taskId;
        OwnedPaths = task.OwnedPaths;
        var isFoundation = task.Role == TaskRole.Foundation;
        var shared = plan.SharedFiles.Concat(plan.Contracts.Where(c => c.Owner != taskId).Select(c => c.Path)).ToList();
        _scope = new TaskScope(isFoundation, task.OwnedPaths, shared);
        _owners = new(() => new PathOwners(plan)); // only a refusal needs every task's patterns
    }

    public string TaskId { get; }

    public IReadOnlyList<string> OwnedPaths { get; }

    /// <summary>Why the task may not change the path ("owned by task `core`" ...), or null when it may.</summary>
    public string? Refusal(string path) => _scope.Judge(path) switch
    {
        ScopeVerdict.Allowed => null,
        ScopeVerdict.SharedFile => $"a shared file, owned by {OwnerText(_owners.Value.OwnerOf(path))}",
        _ => $"owned by {OwnerText(_owners.Value.OwnerOf(path))}",
    };

    public string? OwnerOf(string path) => _owners.Value.OwnerOf(path);

    private static string OwnerText(string? owner) => owner is null ? "no task" : $"task `{owner}`";
}
