using Otto.Git;
using Otto.Report;

namespace Otto.Pr;

/// <summary>What to do about the remote branch, given what it holds now (pure).</summary>
public abstract record PushDecision
{
    /// <summary>The remote already has the verified head.</summary>
    public sealed record UpToDate : PushDecision;

    /// <param name="Expected">The lease: the remote ref must still hold this ("" = must not exist).</param>
    public sealed record Push(string Expected) : PushDecision;

    /// <summary>The remote branch holds a commit otto did not push: someone else's work, never overwritten.</summary>
    public sealed record Foreign(string RemoteSha) : PushDecision;

    public static PushDecision Decide(string remoteSha, string verifiedSha, string? lastPushed) =>
        remoteSha == verifiedSha ? new UpToDate()
        : remoteSha.Length == 0 ? new Push("")
        : remoteSha == lastPushed ? new Push(lastPushed)
        : new Foreign(remoteSha);
}

/// <summary>
/// Pushes exactly the verified commit to `otto/RUN` on a remote, with `--force-with-lease` on the value
/// otto expects there (nothing, or what it pushed itself), so a push by anyone else is never overwritten.
/// </summary>
public static class BranchPush
{
    public static string Ref(string branch) => "refs/heads/" + branch;

    public static IReadOnlyList<string> Arguments(GitRemote remote, string branch, string sha, string expected) =>
        ["push", $"--force-with-lease={Ref(branch)}:{expected}", remote.Name, $"{sha}:{Ref(branch)}"];

    /// <summary>The commit the remote's branch points at, or "" when it has no such branch.</summary>
    public static string RemoteHead(GitRepo repo, GitRemote remote, string branch)
    {
        var result = repo.Git("ls-remote", "--refs", remote.Name, Ref(branch));
        if (!result.Ok) throw new OttoException($"cannot read remote {remote.Name} ({remote.Url}): {Message(result)}", ExitCodes.Environment);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).FirstOrDefault(p => p.Length == 2 && p[1] == Ref(branch))?[0] ?? "";
    }

    /// <returns>True when it pushed, false when the remote already had the commit.</returns>
    public static bool Push(GitRepo repo, GitRemote remote, string branch, string sha, string? lastPushed)
    {
        switch (PushDecision.Decide(RemoteHead(repo, remote, branch), sha, lastPushed))
        {
            case PushDecision.UpToDate:
                return false;
            case PushDecision.Foreign foreign:
                throw Moved(remote, branch, foreign.RemoteSha, sha);
            case PushDecision.Push push:
                var result = repo.Git([.. Arguments(remote, branch, sha, push.Expected)]);
                if (result.Ok) return true;
                if ((result.Stdout + result.Stderr).Contains("stale info", StringComparison.Ordinal))
                    throw Moved(remote, branch, RemoteHead(repo, remote, branch), sha);
                throw new OttoException($"`{CommandLine.Format(["git", .. result.Arguments])}` failed: {Message(result)}", ExitCodes.Environment);
            default:
                throw new InvalidOperationException("unknown push decision");
        }
    }

    private static OttoException Moved(GitRemote remote, string branch, string remoteSha, string sha) => new(
        $"{remote.Name}/{branch} is at {Units.Short(remoteSha)}, a commit otto did not push; otto will not overwrite it with the verified {Units.Short(sha)} (look at what was pushed, then delete the remote branch if it should go)",
        ExitCodes.RunFailed);

    private static string Message(GitResult result) =>
        (string.IsNullOrWhiteSpace(result.Stderr) ? result.Stdout : result.Stderr).Trim().Split('\n').LastOrDefault()?.Trim() ?? "";
}
