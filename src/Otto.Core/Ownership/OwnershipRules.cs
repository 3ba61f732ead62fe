namespace Otto.Ownership;

/// <summary>
/// Which task may change which path: no contract another task owns or a frozen one (<see cref="ContractFreeze"/>),
/// then its owned paths, minus shared files unless it is a foundation task. The integrator applies this to a
/// branch's diff before merging (the authority; hooks only save time).
/// </summary>
public static class OwnershipRules
{
    /// <summary>One sentence per path the task may not change; empty when the diff is allowed.</summary>
    public static IReadOnlyList<string> Violations(
        string taskId,
        bool isFoundation,
        IReadOnlyList<string> ownedPaths,
        IReadOnlyList<string> sharedFiles,
        IReadOnlyList<string> changedPaths,
        ContractFreeze? contracts = null)
    {
        var scope = new TaskScope(isFoundation, ownedPaths, sharedFiles);
        var problems = new List<string>();
        foreach (var path in changedPaths)
        {
            if (contracts?.Problem(path) is { } contract)
            {
                problems.Add(contract);
                continue;
            }
            switch (scope.Judge(path))
            {
                case ScopeVerdict.SharedFile:
                    problems.Add($"{path} is a shared file, which only a foundation task may change (rule: shared_files)");
                    break;
                case ScopeVerdict.Outside:
                    problems.Add($"{path} is outside the paths task {taskId} owns ({string.Join(", ", ownedPaths)})");
                    break;
            }
        }
        return problems;
    }
}
