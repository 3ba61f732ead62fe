using System.Globalization;
using Otto.Config;
using Otto.Git;

namespace Otto.Engine;

/// <summary>What `otto gc` is asked to do with branches: delete them at all, and how far it may go.</summary>
public sealed record GcOptions(bool PruneBranches = false, bool Force = false, TimeSpan? OlderThan = null)
{
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A branch otto made that `otto gc` may delete: whose it is, since when, and how many of its
/// commits no other branch, tag or remote-tracking ref has.</summary>
/// <param name="Landed">A merged task's branch, at the commit that landed, whose landing (a squash commit,
/// which has none of the branch's commits) is on another ref: its work is there, the earlier attempts on it
/// are for audit only.</param>
public sealed record BranchReview(string Branch, string What, DateTimeOffset Since, int UniqueCommits, bool UnbuiltPlan = false, bool Landed = false);

/// <summary>
/// The rule that keeps `otto gc --prune-branches` from losing work: a branch goes when every commit of
/// it is on another ref; a branch with commits found nowhere else goes only with --force, and then only
/// once it is older than --older-than (both given on purpose); a planned run's branch (its plan not built
/// yet) goes only once it is older than --older-than. Pure: <see cref="Keep"/>; the git question is
/// <see cref="UniqueCommits"/>.
/// </summary>
public static class BranchPruner
{
    /// <summary>Null when the branch may be deleted; otherwise why it stays, in words for the user.</summary>
    public static string? Keep(BranchReview branch, GcOptions options)
    {
        var old = options.OlderThan is { } age && options.Now - branch.Since >= age;
        var ageText = options.OlderThan is { } limit ? $"younger than --older-than {Duration.Format(limit)}" : "no --older-than given";
        if (branch.UnbuiltPlan)
            return old ? null : $"its plan is not built yet (`otto build --run`); {ageText}";
        if (branch.UniqueCommits == 0 || branch.Landed) return null;
        var commits = branch.UniqueCommits == 1 ? "1 commit" : $"{branch.UniqueCommits.ToString(CultureInfo.InvariantCulture)} commits";
        if (!options.Force) return $"{commits} found on no other branch; --force --older-than DURATION deletes it";
        return old ? null : $"{commits} found on no other branch; {ageText}";
    }

    /// <summary>Commits of the branch that no other local branch, tag or remote-tracking branch has,
    /// ignoring <paramref name="goingToo"/> (branches this gc deletes as well). HEADs are not counted:
    /// a worktree on the branch does not keep its commits.</summary>
    public static int UniqueCommits(GitRepo repo, string branch, IEnumerable<string> goingToo)
    {
        var arguments = new List<string> { "rev-list", "--count", "refs/heads/" + branch, "--not", "--exclude=" + branch };
        arguments.AddRange(goingToo.Select(b => "--exclude=" + b));
        arguments.AddRange(["--branches", "--tags", "--remotes"]);
        return int.Parse(repo.Git([.. arguments]).EnsureOk().Line, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="commit"/> is on a local branch, tag or remote-tracking branch other than
    /// those in <paramref name="goingToo"/>.</summary>
    public static bool OnAnotherRef(GitRepo repo, string commit, IEnumerable<string> goingToo)
    {
        var arguments = new List<string> { "rev-list", "--count", commit, "--not" };
        arguments.AddRange(goingToo.Select(b => "--exclude=" + b));
        arguments.AddRange(["--branches", "--tags", "--remotes"]);
        var result = repo.Git([.. arguments]);
        return result.Ok && result.Line == "0";
    }
}
