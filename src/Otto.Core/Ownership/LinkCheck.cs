using Otto.Git;

namespace Otto.Ownership;

/// <summary>The integrator's symlink check: symlinks a task's branch adds or changes (since it left the
/// integration branch) that lead out of the repository, one sentence each (<see cref="SymlinkRule"/>).</summary>
public static class LinkCheck
{
    public static IReadOnlyList<string> Violations(GitRepo repo, string integrationBranch, string taskCommit) =>
        TreeChange.Between(repo, $"refs/heads/{integrationBranch}...{taskCommit}")
            .Where(c => c.IsSymlink && c.Status != 'D')
            .Select(c => SymlinkRule.Problem(c.Path, TreeChange.LinkTarget(repo, c.NewObject)))
            .OfType<string>()
            .ToList();
}
