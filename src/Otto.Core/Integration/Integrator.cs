using Otto.Git;
namespace Otto.Integration;

/// <summary>
/// Merges a verified task commit into the integration branch with plumbing only: merge-tree computes
/// the merge in memory, commit-tree makes the commit, update-ref moves the branch only if nobody moved
/// it meanwhile (compare-and-swap). A lost race recomputes on the new tip, so landed work is never dropped.
/// </summary>
public static class Integrator
{
    public static IntegrationResult TryIntegrate(
        GitRepo repo,
        string integrationBranch,
        string taskCommit,
        string message,
        Func<IReadOnlyList<string>, IReadOnlyList<string>> ownershipViolations)
    {
        var reference = "refs/heads/" + integrationBranch;
        for (var race = 0; race < 100; race++)
        {
            var tip = repo.Resolve(reference);
            if (repo.IsAncestor(taskCommit, tip)) return new IntegrationResult.AlreadyMerged(tip);
            var mergeBase = repo.MergeBase(tip, taskCommit) ?? throw new InvalidOperationException($"{taskCommit} and {tip} share no history");
            var violations = ownershipViolations(repo.ChangedPaths(mergeBase, taskCommit));
            if (violations.Count > 0) return new IntegrationResult.OwnershipRefused(violations);
            var merge = repo.MergeTree(tip, taskCommit);
            if (!merge.Clean) return new IntegrationResult.Conflict(merge.ConflictedPaths, merge.Messages, tip);
            var commit = repo.CommitTree(merge.Tree!, [tip, taskCommit], message);
            if (repo.UpdateRef(reference, commit, tip)) return new IntegrationResult.Merged(commit);
        }
        throw new InvalidOperationException($"gave up merging into {integrationBranch} after 100 lost races");
    }
}

public abstract record IntegrationResult
{
    public sealed record Merged(string Commit) : IntegrationResult;

    /// <summary>The task's commit was already on the branch (a redo after a crash): recorded, not merged twice.</summary>
    public sealed record AlreadyMerged(string Tip) : IntegrationResult;

    public sealed record Conflict(IReadOnlyList<string> Paths, IReadOnlyList<string> Messages, string Tip) : IntegrationResult;

    public sealed record OwnershipRefused(IReadOnlyList<string> Violations) : IntegrationResult;
}
