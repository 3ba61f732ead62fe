using Otto.Git;

namespace Otto.Integration;

/// <summary>
/// Prepares the landing of a verified task commit on a given integration tip with plumbing only:
/// merge-tree computes the merge in memory, commit-tree makes the commit; no worktree, index or ref is
/// touched. In squash style the commit has the tip as its only parent (the task branch's attempts stay
/// on the task branch); in merge style it is a merge commit of the tip and the task commit. Moving the
/// branch is <see cref="TaskIntegration"/>'s, under the run lock and from otto's recorded head.
/// </summary>
public static class Integrator
{
    public static IntegrationResult Prepare(
        GitRepo repo,
        string tip,
        string taskCommit,
        string message,
        bool squash,
        Func<IReadOnlyList<string>, IReadOnlyList<string>> ownershipViolations,
        MergeAhead? ahead = null)
    {
        if (repo.IsAncestor(taskCommit, tip)) return new IntegrationResult.AlreadyMerged(tip);
        var mergeBase = repo.MergeBase(tip, taskCommit) ?? throw new InvalidOperationException($"{taskCommit} and {tip} share no history");
        var violations = ownershipViolations(repo.ChangedPaths(mergeBase, taskCommit));
        if (violations.Count > 0) return new IntegrationResult.OwnershipRefused(violations);
        // The task forked from the tip itself (nothing landed since): the merge is the task's own tree, the
        // tree git's merge of an unchanged side gives, without a merge-tree process on the critical path.
        // A merge computed while the task verified (MergeAhead) is the one of these very commits, or not used.
        var merge = mergeBase == tip ? MergeTreeResult.Of(repo.TreeOf(taskCommit)) : ahead?.For(tip, taskCommit) ?? repo.MergeTree(tip, taskCommit);
        if (!merge.Clean) return new IntegrationResult.Conflict(merge.ConflictedPaths, merge.Messages, tip);
        if (!squash) return new IntegrationResult.Ready(repo.CommitTree(merge.Tree!, [tip, taskCommit], message), tip);
        // A squash commit that changes nothing would be noise in the reviewed history: the work is there already.
        if (merge.Tree == repo.TreeOf(tip)) return new IntegrationResult.AlreadyMerged(tip);
        return new IntegrationResult.Ready(repo.CommitTree(merge.Tree!, [tip], message), tip);
    }
}

public abstract record IntegrationResult
{
    /// <summary>A merge or squash commit on <see cref="Tip"/>, made but not yet on the branch.</summary>
    public sealed record Ready(string Commit, string Tip) : IntegrationResult;

    public sealed record Merged(string Commit) : IntegrationResult;

    /// <summary>The task's work was already on the branch (a redo after a crash, or nothing new): recorded, not merged twice.</summary>
    public sealed record AlreadyMerged(string Tip) : IntegrationResult;

    public sealed record Conflict(IReadOnlyList<string> Paths, IReadOnlyList<string> Messages, string Tip) : IntegrationResult;

    public sealed record OwnershipRefused(IReadOnlyList<string> Violations) : IntegrationResult;

    /// <summary>The branch is not where otto recorded it: someone else moved it.</summary>
    public sealed record Moved(string Expected, string? Found) : IntegrationResult;
}
