using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Engine;
using Otto.Execution;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Reviewing;

/// <summary>
/// A review round, run by the driver once the integration branch is verified: the reviewer role in a fresh
/// worktree of the integration head (set up like a task's, so it can run the checks), its `.ai/review.json`
/// validated and accepted (kept as review-N.json and review.json in the run folder), or quoted back once.
/// What the findings lead to is the decider's (see Scheduling/PostMerge).
/// </summary>
public sealed class ReviewJob(RunContext run, int attempt)
{
    public const string Worktree = "review";

    private readonly AttemptFiles _files = new(run.Paths.StageAttemptDir(Stage.Review, attempt));
    private AgentOutcome? _outcome;

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_files.Dir);
        await using var heartbeat = new Heartbeat(_files.Heartbeat, Stage.Review.Name());
        heartbeat.Track(_files.LastOutputAt);
        var state = run.Journal.Read();
        var head = state.IntegrationHead ?? state.BaseSha;
        var round = state.Review.Rounds + 1;
        var worktree = run.StageWorktree(Worktree);
        var outputFile = Path.Combine(worktree, ".ai", "review.json");
        var agents = run.Agents(AgentSelection.Reviewer);
        var request = agents.Create(Stage.Review.Name(), null, attempt, worktree, _files, "", outputFile);
        if (AgentProcess.Inspect(_files) is LaunchState.NotLaunched)
        {
            run.Repo.RemoveWorktree(worktree);
            run.Repo.AddDetachedWorktree(worktree, head);
            if (await WorktreeSetup.RunAsync(run, worktree, _files.Dir, ct).ConfigureAwait(false) is { } setupProblem)
            {
                Finish(new FailureInfo(FailureKind.Environment, setupProblem, FailureSignature.Of(setupProblem)));
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(outputFile)!); // so $OTTO_OUTPUT_FILE can be written without a mkdir
            // A second try in the same round quotes what was wrong with the first answer.
            var errors = state.Review.Tries > 1 && state.LastStageFailure?.Reason is { } reason ? reason.Split('\n') : [];
            request = request with { Prompt = run.Prompts.Render("review", ReviewPrompt.Model(run, state, round, head, outputFile, errors)) };
        }
        var outcome = await new AgentRunner(agents.Provider, run.Redactor, ProviderGate.ForStage(run, Stage.Review.Name())).RunAsync(request, run.Limits, 0, new StageAgentObserver(run, Stage.Review, attempt), ct).ConfigureAwait(false);
        _outcome = outcome;
        if (outcome.Exit.KilledBy == AgentExit.Canceled) return;
        if (AttemptJudge.Judge(outcome.Exit, outcome.Report, StatusReport.Problem(null, "not used"), run.Config.Limits) is AttemptVerdict.Failed failed)
        {
            Finish(failed.Failure);
            return;
        }
        Accept(outputFile, round, state.Review.Accepted + 1, head);
    }

    /// <param name="number">The review's number over the whole run (an `otto review` starts its rounds at 1 again).</param>
    private void Accept(string outputFile, int round, int number, string head)
    {
        run.Redactor.RedactFile(outputFile); // an otto contract file, never committed: masked where it lies
        var (json, error) = ContractFile.Read(outputFile, ".ai/review.json");
        var (review, errors) = json is null ? (null, [error!]) : ReviewValidator.Validate(json);
        if (review is null)
        {
            var reason = "the review was rejected:\n" + string.Join("\n", errors.Select(e => "- " + e));
            Finish(new FailureInfo(FailureKind.Contract, reason, FailureSignature.Of(reason)));
            return;
        }
        var kept = (JsonObject)json!.DeepClone();
        kept["round"] = round;
        kept["sha"] = head;
        var text = kept.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var file = $"review-{number}.json";
        AtomicFile.Write(Path.Combine(run.Paths.Dir, file), text);
        AtomicFile.Write(Path.Combine(run.Paths.Dir, Report.ReviewFileReader.FileName), text);
        run.Journal.Append(
            new NewEvent(new ReviewFinished(round, attempt, head, review.Verdict, review.Summary, review.Findings, file)),
            Finished(null));
    }

    private void Finish(FailureInfo failure) => run.Journal.Append(Finished(failure));

    /// <summary>stage_finished also carries what the reviewer cost, so run totals include it.</summary>
    private NewEvent Finished(FailureInfo? failure) => new(new StageFinished(
        Stage.Review, attempt, failure is null, failure, _outcome?.Report.SessionId, _outcome?.Report.CostUsd, _outcome?.Report.Tokens,
        AgentRan: _outcome is null ? null : true));
}
