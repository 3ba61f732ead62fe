using Otto.Runs;

namespace Otto.Ownership;

/// <summary>
/// Foundation contracts (contracts.md, "Ownership"): a plan's `contracts` are shared interfaces, each owned
/// by a foundation task. No other task changes one, whatever paths it owns; and once the owner merged, the
/// contract is frozen for the rest of the run: only an amendment changes it, made by the owner in the
/// attempt that was asked for it. The integrator asks this of every path a branch changes, before the
/// task's own paths. Pure: the contracts, who merged, and what the task was asked to amend.
/// </summary>
public sealed class ContractFreeze
{
    private readonly string _taskId;
    private readonly IReadOnlyList<(PathPattern Pattern, string Owner, bool Frozen)> _contracts;
    private readonly IReadOnlyList<PathPattern> _amendable;

    /// <param name="contracts">Each contract path, its owner, and whether the owner has merged.</param>
    /// <param name="amendable">Paths of the amendments the task's attempts were asked to make.</param>
    public ContractFreeze(string taskId, IEnumerable<(string Path, string Owner, bool Frozen)> contracts, IEnumerable<string> amendable)
    {
        _taskId = taskId;
        _contracts = contracts.Select(c => (PathPattern.Parse(c.Path), c.Owner, c.Frozen)).ToList();
        _amendable = amendable.Select(PathPattern.Parse).ToList();
    }

    /// <summary>The contracts of a run as they stand for one of its tasks.</summary>
    public static ContractFreeze For(RunState state, string taskId) => new(
        taskId,
        state.Contracts.Select(c => (c.Path, c.Owner, state.Task(c.Owner)?.MergedCommit is not null)),
        state.Amendments.Where(a => a.Owner == taskId && a.Status == AmendmentStatus.Routed && a.DeliveredIn is not null).Select(a => a.Path));

    /// <summary>Why the task may not change the path because of a contract (one sentence naming the rule and
    /// the amendment route), or null when no contract stands in the way.</summary>
    public string? Problem(string path)
    {
        foreach (var (pattern, owner, frozen) in _contracts)
        {
            if (!pattern.Matches(path)) continue;
            if (owner != _taskId)
                return $"{path} is a contract owned by task {owner}, which only its owner changes (rule: contracts). {AmendmentAdvice.For(path)}";
            if (frozen && !_amendable.Any(a => a.Matches(path)))
                return $"{path} is a contract, frozen since task {owner} merged: only an amendment another task asks for changes it (rule: contracts)";
        }
        return null;
    }
}
