using System.Text.Json.Nodes;

namespace Otto.Pr;

/// <summary>The `gh pr` commands otto uses (flags and JSON fields as in `gh pr create/list/view/edit/ready/merge --help`).</summary>
/// <param name="repo">`--repo HOST/OWNER/REPO` when the remote's URL names it; null lets gh find it from the git remotes.</param>
public sealed class PullRequests(GhCli gh, string? repo)
{
    private string[] RepoFlag => repo is null ? [] : ["--repo", repo];

    /// <summary>The open PR whose head is the branch, else a merged one, else null (closed ones are left alone).</summary>
    public PullRequestInfo? Find(string branch)
    {
        var result = gh.Ensure(["pr", "list", "--head", branch, "--state", "all", "--json", PullRequestInfo.Fields, .. RepoFlag]);
        var all = GhCli.Json<JsonArray>(result).OfType<JsonObject>().Select(o => PullRequestInfo.From(o, result.Command)).ToList();
        return all.FirstOrDefault(p => p.State == PullRequestInfo.Open) ?? all.FirstOrDefault(p => p.State == PullRequestInfo.Merged);
    }

    public PullRequestInfo View(string numberOrUrl)
    {
        var result = gh.Ensure(["pr", "view", numberOrUrl, "--json", PullRequestInfo.Fields, .. RepoFlag]);
        return PullRequestInfo.From(GhCli.Json<JsonObject>(result), result.Command);
    }

    public static IReadOnlyList<string> CreateArguments(string branch, string baseBranch, string title, string bodyFile, bool draft, string? repo) =>
        ["pr", "create", "--head", branch, "--base", baseBranch, "--title", title, "--body-file", bodyFile, .. draft ? new[] { "--draft" } : [], .. repo is null ? [] : new[] { "--repo", repo }];

    /// <summary>`gh pr create` prints the new PR's URL; its number and head come from `gh pr view`.</summary>
    public PullRequestInfo Create(string branch, string baseBranch, string title, string bodyFile, bool draft)
    {
        var created = gh.Ensure([.. CreateArguments(branch, baseBranch, title, bodyFile, draft, repo)]);
        var url = created.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.Contains("://", StringComparison.Ordinal))
            ?? throw new OttoException($"`{created.Command}` printed no PR URL", ExitCodes.Environment);
        return View(url);
    }

    public PullRequestInfo Edit(int number, string title, string bodyFile)
    {
        var id = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        gh.Ensure(["pr", "edit", id, "--title", title, "--body-file", bodyFile, .. RepoFlag]);
        return View(id);
    }

    public void Ready(int number) => gh.Ensure(["pr", "ready", number.ToString(System.Globalization.CultureInfo.InvariantCulture), .. RepoFlag]);

    /// <summary>Merges with a merge commit (the branch's verified commits stay as they are), only if the
    /// PR's head is still <paramref name="sha"/>: GitHub checks it again at the moment of the merge.</summary>
    public GhResult Merge(int number, string sha) =>
        gh.Run(["pr", "merge", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "--merge", "--match-head-commit", sha, .. RepoFlag]);
}
