using Otto.Git;

namespace Otto.Integration;

/// <summary>
/// Prepares the merge of a verified task commit onto a given integration tip with plumbing only:
/// merge-tree computes it in memory, commit-tree makes the commit; no worktree, index or ref is touched.
/// Moving the branch is <see cref="TaskIntegration"/>'s, under the run lock and from otto's recorded head.
/// </summary>
public static class Integrator
{
    public static IntegrationResult Prepare(
        GitRepo repo,
        string tip,
        string taskCommit,
        string message,
        Func<IReadOnlyList<string>, IReadOnlyList<string>> ownershipViolations)
    {
        if (repo.IsAncestor(taskCommit, tip)) return new IntegrationResult.AlreadyMerged(tip);
        var mergeBase = repo.MergeBase(tip, taskCommit) ?? throw new InvalidOperationException($"{taskCommit} and {tip} share no history");
        var violations = ownershipViolations(repo.ChangedPaths(mergeBase, taskCommit));
        if (violations.Count > 0) return new IntegrationResult.OwnershipRefused(violations);
        var merge = repo.MergeTree(tip, taskCommit);
        if (!merge.Clean) return new IntegrationResult.Conflict(merge.ConflictedPaths, merge.Messages, tip);
        return new IntegrationResult.Ready(repo.CommitTree(merge.Tree!, [tip, taskCommit], message), tip);
    }

    /// <summary>The merge commit's message: the task's title, and trailers that say whose it is.</summary>
    public static string Message(string runId, string taskId, int attempt, string title) =>
        $"otto: merge task {taskId}: {title}\n\nOtto-Run: {runId}\nOtto-Task: {taskId}\nOtto-Attempt: {attempt}\n";
}

public abstract record IntegrationResult
{
    /// <summary>A merge commit on <see cref="Tip"/>, made but not yet on the branch.</summary>
    public sealed record Ready(string Commit, string Tip) : IntegrationResult;

    public sealed record Merged(string Commit) : IntegrationResult;

    /// <summary>The task's commit was already on the branch (a redo after a crash): recorded, not merged twice.</summary>
    public sealed record AlreadyMerged(string Tip) : IntegrationResult;

    public sealed record Conflict(IReadOnlyList<string> Paths, IReadOnlyList<string> Messages, string Tip) : IntegrationResult;

    public sealed record OwnershipRefused(IReadOnlyList<string> Violations) : IntegrationResult;

    /// <summary>The branch is not where otto recorded it: someone else moved it.</summary>
    public sealed record Moved(string Expected, string? Found) : IntegrationResult;
}
