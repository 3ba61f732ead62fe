using Otto.Agents;
using Otto.Git;
using Otto.Report;
using Otto.Runs;
using Otto.Templates;
using Otto.Events;
using Otto.Secrets;

namespace Otto.Pr;

public sealed record PrOptions(string? Remote, bool Draft, bool AllowFailed);

/// <summary>What `otto pr` ended with: the PR, or (without gh or a remote) the commands for the user to run.</summary>
public sealed record PrOutcome(PullRequestInfo? PullRequest, IReadOnlyList<string> Commands, string BodyFile);

/// <summary>
/// `otto pr RUN`: checks the run may be proposed, renders the body (pr.md), pushes the verified head to
/// `otto/RUN` with a lease, and creates or updates the PR with gh; records it in pr.json. Talk goes to
/// <paramref name="log"/>.
/// </summary>
public sealed class PrPublisher(RunPaths paths, TextWriter log)
{
    public PrOutcome Publish(PrOptions options, DateTimeOffset now)
    {
        var redactor = Redactor.FromProcess();
        var record = RunRecordReader.Read(paths, redactor);
        var head = PrGate.VerifiedHead(record, options.AllowFailed);
        var state = record.State;
        var repo = new GitRepo(record.Info.RepoRoot);
        CheckLocalBranch(repo, state.IntegrationBranch, head);
        var remote = GitRemote.Resolve(repo, state.BaseBranch, options.Remote);
        var failed = record.Final!.Status != RunStatus.Succeeded.Name();
        var title = PrGate.Title(state.Intent, failed);
        var view = new PrView(failed, state.IntegrationBranch, head, remote?.Name, PrBody.Reproduce(record, head, remote?.Name));
        var body = PrBody.Render(record, view, new TemplateStore(new OttoHome(record.Info.RepoRoot).Templates), redactor, now);
        var bodyFile = Path.Combine(paths.Dir, PrBody.FileName);
        AtomicFile.Write(bodyFile, body, durable: false);
        string Create(string? repository) =>
            CommandLine.Format(["gh", .. PullRequests.CreateArguments(state.IntegrationBranch, state.BaseBranch, title, bodyFile, options.Draft, repository)]);

        if (remote is null)
        {
            var name = GitRemote.Names(repo) is [var only] ? only : "origin";
            log.WriteLine($"otto pr: {state.BaseBranch} has no upstream remote and no --remote was given, so nothing was pushed; the PR body is in {bodyFile}. To publish by hand:");
            return new PrOutcome(null, [CommandLine.Format(["git", .. BranchPush.Arguments(new GitRemote(name, ""), state.IntegrationBranch, head, "")]), Create(null)], bodyFile);
        }
        var previous = PrFile.Read(paths);
        var pushed = BranchPush.Push(repo, remote, state.IntegrationBranch, head, previous?.Remote == remote.Name ? previous.PushedSha : null);
        log.WriteLine(pushed
            ? $"otto pr: pushed {Units.Short(head)} to {remote.Name}/{state.IntegrationBranch}"
            : $"otto pr: {remote.Name}/{state.IntegrationBranch} is already at {Units.Short(head)}");
        var published = new PrFile
        {
            RunId = state.RunId, Remote = remote.Name, Branch = state.IntegrationBranch, Base = state.BaseBranch, PushedSha = head,
            AllowFailed = failed, UpdatedAt = now,
        };
        if (GhCli.Find(repo.Root) is not { } gh)
        {
            published.Write(paths);
            log.WriteLine($"otto pr: gh (the GitHub CLI) is not installed; the PR body is in {bodyFile}. To open the PR:");
            return new PrOutcome(null, [Create(remote.GitHubRepo)], bodyFile);
        }
        var pr = OpenOrUpdate(new PullRequests(gh, remote.GitHubRepo), state.IntegrationBranch, state.BaseBranch, title, bodyFile, options.Draft);
        (published with { Number = pr.Number, Url = pr.Url, State = pr.State, Draft = pr.IsDraft, Merged = pr.State == PullRequestInfo.Merged }).Write(paths);
        return new PrOutcome(pr, [], bodyFile);
    }

    /// <summary>Updates the branch's open PR, leaves a merged one alone, or opens a new one.</summary>
    private PullRequestInfo OpenOrUpdate(PullRequests pulls, string branch, string baseBranch, string title, string bodyFile, bool draft)
    {
        switch (pulls.Find(branch))
        {
            case { State: PullRequestInfo.Merged } merged:
                log.WriteLine($"otto pr: PR #{merged.Number} was merged already: {merged.Url}");
                return merged;
            case { } open:
                var updated = pulls.Edit(open.Number, title, bodyFile);
                log.WriteLine($"otto pr: updated PR #{updated.Number}{(updated.IsDraft ? " (draft)" : "")}: {updated.Url}");
                return updated;
            default:
                var created = pulls.Create(branch, baseBranch, title, bodyFile, draft);
                log.WriteLine($"otto pr: opened {(created.IsDraft ? "draft " : "")}PR #{created.Number}: {created.Url}");
                return created;
        }
    }

    /// <summary>otto only moves otto/RUN itself; if it is not at the verified head, something else moved it.</summary>
    public static void CheckLocalBranch(GitRepo repo, string branch, string head)
    {
        if (repo.TryResolve(BranchPush.Ref(branch)) is { } local && local != head)
            throw new OttoException($"{branch} is at {Units.Short(local)}, not at {Units.Short(head)} that otto verified; otto publishes only what it verified", ExitCodes.RunFailed);
    }
}
