using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Engine;
using Otto.Events;
using Otto.Report;
using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Pr;

/// <summary>
/// `otto pr sync RUN`: reads the run's PR through gh (inline review comments, reviews requesting changes,
/// failing checks), and when there is something new, records it as a PR feedback round and reopens the
/// run: the decider turns it into fix rounds of the owning tasks (what no task owns goes to the integration
/// task), which are verified like any attempt. <see cref="Publish"/> then pushes the new head (lease on the
/// sha otto pushed last), updates the PR and answers each comment it fixed. Bounded by limits.max_pr_rounds.
/// </summary>
public sealed class PrSync(RunContext run, TextWriter log)
{
    public const string By = "otto pr sync";

    private PrFile? _pr;
    private GhCli? _gh;
    private string? _host;

    /// <returns>The new findings recorded (the run is then reopened), or none (nothing changed).</returns>
    public IReadOnlyList<Finding> Open()
    {
        var state = EndedRun.RequireVerified(run.Journal.Read(), "fix PR feedback on");
        _pr = PrFile.Read(run.Paths) is { Number: not null } file
            ? file
            : throw new OttoException($"run {state.RunId} has no PR yet: `otto pr {state.RunId}` opens one");
        _gh = GhCli.Find(run.Repo.Root) ?? throw new OttoException("gh (the GitHub CLI) is not installed; `otto pr sync` reads the PR's feedback through it", ExitCodes.Environment);
        var remote = GitRemote.Resolve(run.Repo, state.BaseBranch, _pr.Remote);
        var repository = remote?.GitHubRepo;
        _host = repository?.Split('/')[0];
        var number = Number;
        var view = GhCli.Json<JsonObject>(_gh.Ensure(["pr", "view", number, "--json", PrFeedbackReader.ViewFields, .. repository is null ? [] : new[] { "--repo", repository }]));
        var head = view["headRefOid"]?.ToString() ?? "";
        if (head != _pr.PushedSha)
            throw new OttoException($"PR #{number}'s head is {Units.Short(head)}, not {Units.Short(_pr.PushedSha)} that otto pushed; otto fixes only on top of what it verified (review the new commits by hand)", ExitCodes.RunFailed);
        var comments = _gh.Ensure([.. Api(Endpoint(repository, "comments")), "--paginate", "--jq", ".[]"]).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonNode.Parse(line) as JsonObject ?? throw new OttoException($"`gh api` printed a line that is not a JSON object: {line}", ExitCodes.Environment));
        var handled = new EventLog(run.Paths.Events).ReadAll().Select(e => e.Body).OfType<PrFeedback>()
            .SelectMany(f => f.Findings).Select(f => f.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var findings = PrFeedbackReader.Read(view, comments, handled);
        if (findings.Count == 0) return [];
        var limit = run.Config.Limits.MaxPrRounds;
        if (state.Pr.Rounds >= limit)
            throw new OttoException($"PR #{number} has {findings.Count} new review comments or failing checks, but the run's PR feedback rounds are spent " +
                $"(limits.max_pr_rounds: {limit.ToString(CultureInfo.InvariantCulture)}); they are left for a human", ExitCodes.RunFailed);
        EndedRun.Reopen(run, new NewEvent(new PrFeedback(state.Pr.Rounds + 1, _pr.Number!.Value, head, findings)), By);
        return findings;
    }

    /// <summary>After the reopened run succeeded: push and update the PR like `otto pr`, then answer each comment fixed.</summary>
    public PrOutcome Publish(IReadOnlyList<Finding> findings, DateTimeOffset now)
    {
        var outcome = new PrPublisher(run.Paths, log).Publish(new PrOptions(_pr!.Remote, _pr.Draft, _pr.AllowFailed), now);
        var state = run.Journal.Read();
        var head = state.IntegrationHead ?? "";
        var routes = FindingRouter.Route(state, findings);
        var repository = GitRemote.Resolve(run.Repo, state.BaseBranch, _pr.Remote)?.GitHubRepo;
        foreach (var finding in findings.Where(f => f.Id?.StartsWith("comment:", StringComparison.Ordinal) == true))
        {
            var task = routes.ByTask.FirstOrDefault(kv => kv.Value.Contains(finding)).Key ?? IntegrationTask.Find(state)?.Id ?? "integration";
            var body = $"otto fixed this in {Units.Short(head)} (task `{task}`, PR feedback round {state.Pr.Rounds}); the branch passed " +
                string.Join(", ", run.Config.Verify.Commands.Select(c => $"`{c.Run}`")) + " on a clean checkout.";
            var reply = _gh!.Run([.. Api(Endpoint(repository, $"comments/{finding.Id!["comment:".Length..]}/replies")), "-X", "POST", "-f", "body=" + body]);
            if (!reply.Ok) log.WriteLine($"otto pr sync: could not answer {finding.Url ?? finding.Id}: {reply.Message}");
        }
        return outcome;
    }

    private string Number => _pr!.Number!.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>`repos/OWNER/REPO/pulls/N/...` when the remote names the repository, else gh's placeholders (gh fills them from the git remotes).</summary>
    private string Endpoint(string? repository, string tail) =>
        $"repos/{(repository is null ? "{owner}/{repo}" : string.Join('/', repository.Split('/').Skip(1)))}/pulls/{Number}/{tail}";

    private string[] Api(string endpoint) => _host is null ? ["api", endpoint] : ["api", "--hostname", _host, endpoint];
}
