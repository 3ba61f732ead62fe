using Otto.Ownership;
using Otto.Planning;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// A plan's contracts and shared files belong to foundation tasks that run first (contracts.md,
/// "Ownership"): no other task starts before every foundation holding one has merged, so each feature
/// builds on the merged interfaces (its prompt shows them) whether or not the plan says it depends on
/// them. Merged once is enough: a later round of amendments holds back only the tasks that wait on it.
/// Pure, from the folded state.
/// </summary>
public static class FoundationFirst
{
    /// <summary>The foundations that hold a contract or a shared file and have not merged yet.</summary>
    public static IReadOnlySet<string> Unmerged(RunState state)
    {
        if (state.Contracts.Count == 0 && state.SharedFiles.Count == 0) return new HashSet<string>();
        var shared = state.SharedFiles.Select(PathPattern.Parse).ToList();
        var holders = state.Tasks.Where(t => t.Role == TaskRole.Foundation && t.MergedCommit is null
            && (state.Contracts.Any(c => c.Owner == t.Id) || t.OwnedPaths.Select(PathPattern.Parse).Any(p => shared.Any(p.Overlaps))));
        return holders.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether the task may start as far as foundations go: it is one, or every holder has merged.</summary>
    public static bool Allows(TaskState task, IReadOnlySet<string> unmerged) =>
        task.Role == TaskRole.Foundation || unmerged.Count == 0;
}
