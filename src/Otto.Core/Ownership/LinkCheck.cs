using Otto.Git;

namespace Otto.Ownership;

/// <summary>The integrator's symlink check: symlinks a task's commit adds or changes since its merge base
/// with the integration head that lead out of the repository, one sentence each (<see cref="SymlinkRule"/>).</summary>
public static class LinkCheck
{
    public static IReadOnlyList<string> Violations(GitRepo repo, string integrationHead, string taskCommit) =>
        // `integrationHead...taskCommit`: from their merge base (none: from the empty tree's side, every file).
        (repo.Objects.MergeBase(integrationHead, taskCommit) is { } mergeBase
            ? repo.Objects.Changes(mergeBase, taskCommit)
            : TreeChange.Between(repo, $"{integrationHead}...{taskCommit}"))
            .Where(c => c.IsSymlink && c.Status != 'D')
            .Select(c => SymlinkRule.Problem(c.Path, TreeChange.LinkTarget(repo, c.NewObject)))
            .OfType<string>()
            .ToList();
}
