using Otto.Git;
using Otto.Ownership;

namespace Otto.Hooks;

/// <summary>
/// pre-commit in a task worktree: every staged change (added, modified, deleted — a rename is both —,
/// a mode change, a symlink, a submodule, .gitignore and .gitattributes like any file) must be in the
/// task's paths, and no symlink may lead out of the repository. Pure: the changes come from the caller.
/// </summary>
public static class PreCommitCheck
{
    public static IReadOnlyList<(string Path, string What, string Why)> Refusals(
        TaskRules rules, IReadOnlyList<TreeChange> changes, Func<TreeChange, string> linkTarget)
    {
        var refused = new List<(string, string, string)>();
        foreach (var change in changes)
        {
            if (rules.Refusal(change.Path) is { } why) refused.Add((change.Path, change.Description, why));
            else if (change.IsSymlink && change.Status != 'D' && SymlinkRule.Problem(change.Path, linkTarget(change)) is { } link)
                refused.Add((change.Path, change.Description, link));
        }
        return refused;
    }

    public const string Undo =
        "Take these changes out of the commit (`git restore --staged --worktree -- PATH`; `git rm --cached -- PATH` for a new file).";
}
