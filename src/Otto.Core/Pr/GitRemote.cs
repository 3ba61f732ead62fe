using System.Text.RegularExpressions;
using Otto.Git;

namespace Otto.Pr;

/// <summary>A git remote by name and URL; <see cref="GitHubRepo"/> is what `gh --repo` wants, when the URL names one.</summary>
public sealed partial record GitRemote(string Name, string Url)
{
    [GeneratedRegex(@"^(?:[a-z+]+://(?:[^@/]+@)?(?<host>[^/:]+)(?::\d+)?/|[^@/]+@(?<host>[^:/]+):)(?<path>[^/]+/[^/]+?)(?:\.git)?/?$")]
    private static partial Regex HostedUrl();

    /// <summary>"github.com/owner/repo" for https://github.com/owner/repo(.git), git@github.com:owner/repo.git,
    /// ssh://git@host/owner/repo; null for a local path or anything else (gh then finds the repository itself).</summary>
    public string? GitHubRepo => HostedUrl().Match(Url) is { Success: true } m ? $"{m.Groups["host"].Value}/{m.Groups["path"].Value}" : null;

    /// <summary>
    /// The remote to push to: the one named with --remote (which must exist), else the base branch's
    /// upstream remote (`branch.BASE.remote`), else none.
    /// </summary>
    public static GitRemote? Resolve(GitRepo repo, string baseBranch, string? requested)
    {
        if (requested is not null)
        {
            return UrlOf(repo, requested) is { } url
                ? new GitRemote(requested, url)
                : throw new OttoException($"--remote {requested}: there is no such remote in {repo.Root} ({Describe(Names(repo))})");
        }
        var upstream = repo.Git("config", "--get", $"branch.{baseBranch}.remote");
        return upstream.Ok && upstream.Line is { Length: > 0 } name && name != "." && UrlOf(repo, name) is { } found ? new GitRemote(name, found) : null;
    }

    public static IReadOnlyList<string> Names(GitRepo repo) =>
        repo.Git("remote").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? UrlOf(GitRepo repo, string name)
    {
        var result = repo.Git("remote", "get-url", name);
        return result.Ok ? result.Line : null;
    }

    private static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "it has none" : "its remotes: " + string.Join(", ", names);
}
