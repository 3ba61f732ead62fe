using System.Text.Json.Nodes;
using System.Text.Json;
using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Engine;
using Otto.Execution;
using Otto.Planning;
using Otto.Reporting;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Planning;

/// <summary>
/// A classify or plan attempt, run by the driver: a planner agent in a read-only worktree of the base
/// commit, its answer validated against the contract and accepted, or quoted back once.
/// </summary>
public sealed class PlannerJob(RunContext run, Stage stage, int attempt)
{
    private readonly AttemptFiles _files = new(run.Paths.StageAttemptDir(stage, attempt));
    private AgentOutcome? _outcome;

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_files.Dir);
        await using var heartbeat = new Heartbeat(_files.Heartbeat, stage.Name());
        heartbeat.Track(_files.LastOutputAt);
        await AskPlannerAsync(ct).ConfigureAwait(false);
    }

    private async Task AskPlannerAsync(CancellationToken ct)
    {
        var state = run.Journal.Read();
        var worktree = run.StageWorktree("planner");
        if (!File.Exists(Path.Combine(worktree, ".git")))
        {
            if (Directory.Exists(worktree)) run.Repo.RemoveWorktree(worktree);
            Execution.WorktreePool.TakeOrAdd(run.Repo, run.Info.WorktreeRoot, worktree, run.Info.BaseSha);
        }
        var outputName = stage == Stage.Classify ? "classification.json" : "plan.json";
        var outputFile = Path.Combine(worktree, ".ai", outputName);
        var agents = run.Agents(AgentSelection.Planner);
        var request = agents.Create(stage.Name(), null, attempt, worktree, _files, "", outputFile);
        if (AgentProcess.Inspect(_files) is LaunchState.NotLaunched)
        {
            var ai = Path.Combine(worktree, ".ai");
            if (Directory.Exists(ai)) Directory.Delete(ai, recursive: true);
            Directory.CreateDirectory(ai); // so $OTTO_OUTPUT_FILE can be written without a mkdir
            var errors = state.PlanErrors.Count > 0 ? state.PlanErrors : (IReadOnlyList<string>)(state.LastStageFailure?.Reason?.Split('\n') ?? []);
            var learnings = Learnings.Read(run).Text.Trim(); // the base commit's learnings.path when tracked
            var model = PromptModels.Stage(run, state, outputFile, attempt > 1 ? errors : [], learnings);
            request = request with { Prompt = run.Prompts.Render(stage.Name(), model) };
        }
        var outcome = await new AgentRunner(agents.Provider, run.Redactor).RunAsync(request, run.Limits, 0, new StageAgentObserver(run, stage, attempt), ct).ConfigureAwait(false);
        _outcome = outcome;
        if (outcome.Exit.KilledBy == AgentExit.Canceled) return;

        var verdict = AttemptJudge.Judge(outcome.Exit, outcome.Report, StatusReport.Problem(null, "not used"), run.Config.Limits);
        if (verdict is AttemptVerdict.Failed failed)
        {
            Finish(failed.Failure, []);
            return;
        }
        if (stage == Stage.Classify) AcceptClassification(outputFile);
        else AcceptPlan(outputFile, state);
    }

    private void AcceptClassification(string outputFile)
    {
        run.Redactor.RedactFile(outputFile); // an otto contract file, never committed: masked where it lies
        var (classification, error) = ClassificationReader.Read(outputFile);
        if (classification is null)
        {
            Finish(new FailureInfo(FailureKind.Contract, error, FailureSignature.Of(error ?? "")), []);
            return;
        }
        File.Copy(outputFile, run.Paths.Classification, overwrite: true);
        run.Journal.Append(
            new NewEvent(new ClassificationAccepted(classification.Kind, classification.Size, classification.SingleTask, classification.Rationale)),
            Finished(null));
    }

    private void AcceptPlan(string outputFile, RunState state)
    {
        run.Redactor.RedactFile(outputFile);
        var (json, error) = ContractFile.Read(outputFile, ".ai/plan.json");
        var (plan, errors) = json is null ? (null, [error!]) : PlanValidator.Validate(json, run.Config.Limits.MaxTasks);
        if (plan is null)
        {
            var reason = "the plan was rejected:\n" + string.Join("\n", errors.Select(e => "- " + e));
            Finish(new FailureInfo(FailureKind.Contract, reason, FailureSignature.Of(reason)), errors);
            return;
        }
        var version = state.PlanVersion + 1;
        var text = json!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        File.WriteAllText(run.Paths.Plan(version), text);
        File.WriteAllText(Path.Combine(run.Paths.Dir, "plan.json"), text);
        File.WriteAllText(run.Paths.PlanMarkdown, Planning.PlanMarkdown.Render(state.Intent, plan, version));
        run.Journal.Append(new NewEvent(PlanEventData.For(run.Info.RunId, plan, version, text)), Finished(null));
    }

    private void Finish(FailureInfo failure, IReadOnlyList<string> planErrors)
    {
        var events = new List<NewEvent>();
        if (stage == Stage.Plan && planErrors.Count > 0)
            events.Add(new NewEvent(new PlanRejected(attempt, planErrors)));
        events.Add(Finished(failure));
        run.Journal.Append([.. events]);
    }

    /// <summary>stage_finished also carries what the planner agent cost, so run totals include it.</summary>
    private NewEvent Finished(FailureInfo? failure) => new(new StageFinished(
        stage, attempt, failure is null, failure, _outcome?.Report.SessionId, _outcome?.Report.CostUsd, _outcome?.Report.Tokens,
        AgentRan: _outcome is null ? null : true));
}
