using System.Text.Json.Nodes;
using System.Text.Json;
using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Engine;
using Otto.Execution;
using Otto.Planning;
using Otto.Replan;
using Otto.Reporting;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Planning;

/// <summary>
/// A classify, plan, replan or pilot attempt, run by the driver: a planner (or pilot) agent in a read-only
/// worktree (of the base commit; for replan and pilot, of what is merged), its answer validated against the
/// contract and accepted, or quoted back once.
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
        var recovering = stage is Stage.Replan or Stage.Pilot;
        var worktree = recovering ? RecoveryWorktree.Ensure(run, stage, state) : Execution.PlannerWorktree.Ensure(run);
        var outputName = stage switch { Stage.Classify => "classification.json", Stage.Pilot => PilotAnswerReader.FileName, _ => "plan.json" };
        var outputFile = Path.Combine(worktree, ".ai", outputName);
        var consultation = stage == Stage.Pilot
            ? state.Recovery.OpenConsultation ?? throw new InvalidOperationException("the pilot stage started with no open consultation")
            : null;
        var agents = run.Agents(stage == Stage.Pilot ? AgentSelection.Pilot : AgentSelection.Planner);
        var request = agents.Create(stage.Name(), consultation?.Task, attempt, worktree, _files, "", outputFile);
        if (AgentProcess.Inspect(_files) is LaunchState.NotLaunched)
        {
            var ai = Path.Combine(worktree, ".ai");
            if (Directory.Exists(ai)) Directory.Delete(ai, recursive: true);
            Directory.CreateDirectory(ai); // so $OTTO_OUTPUT_FILE can be written without a mkdir
            var errors = state.PlanErrors.Count > 0 ? state.PlanErrors : (IReadOnlyList<string>)(state.LastStageFailure?.Reason?.Split('\n') ?? []);
            var learnings = Learnings.Read(run).Text.Trim(); // the base commit's learnings.path when tracked
            var quoted = stage switch
            {
                Stage.Replan => attempt > state.Recovery.OpenReplan?.FirstAttempt ? errors : [],
                Stage.Pilot => attempt > consultation!.FirstAttempt ? errors : [],
                _ => attempt > 1 ? errors : [],
            };
            var model = stage switch
            {
                Stage.Replan => RecoveryPrompts.Replan(run, state, outputFile, quoted),
                Stage.Pilot => RecoveryPrompts.Pilot(run, state, consultation!, outputFile, quoted),
                _ => PromptModels.Stage(run, state, outputFile, quoted, learnings),
            };
            request = request with { Prompt = run.Prompts.Render(stage.Name(), model) };
        }
        var outcome = await new AgentRunner(agents.Provider, run.Redactor, ProviderGate.ForStage(run, stage.Name())).RunAsync(request, run.Limits, 0, new StageAgentObserver(run, stage, attempt), ct).ConfigureAwait(false);
        _outcome = outcome;
        if (outcome.Exit.KilledBy == AgentExit.Canceled) return;

        var verdict = AttemptJudge.Judge(outcome.Exit, outcome.Report, StatusReport.Problem(null, "not used"), run.Config.Limits);
        if (verdict is AttemptVerdict.Failed failed)
        {
            Finish(failed.Failure, []);
            return;
        }
        if (stage == Stage.Classify) AcceptClassification(outputFile);
        else if (stage == Stage.Pilot) AcceptDecision(outputFile, state, consultation!);
        else AcceptPlan(outputFile, state);
    }

    /// <summary>The pilot's answer, judged against the limits; what otto carries out is recorded (pilot_decided).</summary>
    private void AcceptDecision(string outputFile, RunState state, PilotConsultation consultation)
    {
        run.Redactor.RedactFile(outputFile);
        var (answer, error) = PilotAnswerReader.Read(outputFile);
        if (answer is null)
        {
            Finish(new FailureInfo(FailureKind.Contract, error, FailureSignature.Of(error ?? "")), []);
            return;
        }
        File.Copy(outputFile, Path.Combine(_files.Dir, PilotAnswerReader.FileName), overwrite: true);
        var decided = Scheduling.PilotJudge.Judge(state, Scheduling.SchedulerPolicy.From(run.Config), consultation, answer);
        run.Journal.Append(new NewEvent(decided, decided.Task), Finished(null));
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
        ReplanPlan.Accepted? replanned = null;
        IReadOnlyList<string> errors;
        PlanDocument? plan;
        if (json is null) (plan, errors) = (null, [error!]);
        else if (stage == Stage.Replan)
        {
            (replanned, errors) = ReplanPlan.Validate(json, state, run.Config.Limits.MaxTasks);
            plan = replanned?.Plan;
        }
        else (plan, errors) = PlanValidator.Validate(json, run.Config.Limits.MaxTasks);
        if (plan is null)
        {
            var reason = "the plan was rejected:\n" + string.Join("\n", errors.Select(e => "- " + e));
            Finish(new FailureInfo(FailureKind.Contract, reason, FailureSignature.Of(reason)), errors);
            return;
        }
        var version = state.PlanVersion + 1;
        var text = replanned?.Text ?? json!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        File.WriteAllText(run.Paths.Plan(version), text);
        File.WriteAllText(Path.Combine(run.Paths.Dir, "plan.json"), text);
        File.WriteAllText(run.Paths.PlanMarkdown, Planning.PlanMarkdown.Render(state.Intent, plan, version));
        var accepted = PlanEventData.For(run.Info.RunId, plan, version, text);
        if (replanned is not null) accepted = accepted with { Kept = replanned.Kept, Retired = replanned.Retired };
        run.Journal.Append(new NewEvent(accepted), Finished(null));
    }

    private void Finish(FailureInfo failure, IReadOnlyList<string> planErrors)
    {
        var events = new List<NewEvent>();
        if (stage is Stage.Plan or Stage.Replan && planErrors.Count > 0)
            events.Add(new NewEvent(new PlanRejected(attempt, planErrors)));
        events.Add(Finished(failure));
        run.Journal.Append([.. events]);
    }

    /// <summary>stage_finished also carries what the planner agent cost, so run totals include it.</summary>
    private NewEvent Finished(FailureInfo? failure) => new(new StageFinished(
        stage, attempt, failure is null, failure, _outcome?.Report.SessionId, _outcome?.Report.CostUsd, _outcome?.Report.Tokens,
        AgentRan: _outcome is null ? null : true));
}
