using Otto.Agents;
using Otto.Git;
using Otto.Report;
using Otto.Runs;
using Otto.Events;
using Otto.Secrets;

namespace Otto.Pr;

/// <summary>
/// `otto pr RUN --merge`: merges the run's PR only if its head is exactly the commit otto verified
/// (checked here, and again by GitHub through `gh pr merge --match-head-commit`); never otherwise.
/// </summary>
public sealed class PrMerger(RunPaths paths, TextWriter log)
{
    public PullRequestInfo Merge(PrOptions options, DateTimeOffset now)
    {
        var record = RunRecordReader.Read(paths, Redactor.FromProcess());
        var head = PrGate.VerifiedHead(record, options.AllowFailed);
        var state = record.State;
        var repo = new GitRepo(record.Info.RepoRoot);
        PrPublisher.CheckLocalBranch(repo, state.IntegrationBranch, head);
        var previous = PrFile.Read(paths);
        var gh = GhCli.Find(repo.Root)
            ?? throw new OttoException($"gh (the GitHub CLI) is not installed; merge the PR on GitHub after checking that its head is {head}", ExitCodes.Environment);
        var remote = GitRemote.Resolve(repo, state.BaseBranch, options.Remote ?? (previous?.Remote is { Length: > 0 } recorded ? recorded : null));
        var pulls = new PullRequests(gh, remote?.GitHubRepo);
        var found = previous?.Number is { } number ? pulls.View(number.ToString(System.Globalization.CultureInfo.InvariantCulture)) : pulls.Find(state.IntegrationBranch);
        var pr = found ?? throw new OttoException($"there is no PR for {state.IntegrationBranch} yet; open it with `otto pr {state.RunId}` first");
        if (pr.State == PullRequestInfo.Merged)
        {
            log.WriteLine($"otto pr: PR #{pr.Number} was merged already: {pr.Url}");
            return Record(previous, record, pr, head, now);
        }
        if (pr.State != PullRequestInfo.Open)
            throw new OttoException($"PR #{pr.Number} is {pr.State.ToLowerInvariant()}; otto merges an open PR only ({pr.Url})", ExitCodes.RunFailed);
        if (pr.HeadRefOid != head)
        {
            throw new OttoException(
                $"PR #{pr.Number}'s head is {Units.Short(pr.HeadRefOid)}, not {Units.Short(head)} that otto verified; otto merges only what it verified (nothing was merged: review the new commits and merge by hand, or push the verified one again)",
                ExitCodes.RunFailed);
        }
        if (pr.IsDraft)
        {
            pulls.Ready(pr.Number);
            log.WriteLine($"otto pr: marked PR #{pr.Number} ready for review");
        }
        var merged = pulls.Merge(pr.Number, head);
        if (!merged.Ok)
            throw new OttoException($"GitHub did not merge PR #{pr.Number} (`{merged.Command}`): {merged.Message}", ExitCodes.RunFailed);
        pr = pulls.View(pr.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        log.WriteLine($"otto pr: merged PR #{pr.Number} at {Units.Short(head)}: {pr.Url}");
        return Record(previous, record, pr, head, now);
    }

    private PullRequestInfo Record(PrFile? previous, RunRecord record, PullRequestInfo pr, string head, DateTimeOffset now)
    {
        var state = record.State;
        var file = previous ?? new PrFile
        {
            RunId = state.RunId, Remote = "", Branch = state.IntegrationBranch, Base = state.BaseBranch, PushedSha = head,
            AllowFailed = record.Final?.Status != RunStatus.Succeeded.Name(),
        };
        (file with { Number = pr.Number, Url = pr.Url, State = pr.State, Draft = pr.IsDraft, Merged = pr.State == PullRequestInfo.Merged, UpdatedAt = now }).Write(paths);
        return pr;
    }
}
