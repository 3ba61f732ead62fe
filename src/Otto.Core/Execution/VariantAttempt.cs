using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Engine;
using Otto.Events;
using Otto.Git;
using Otto.MergeGates;
using Otto.Platform;
using Otto.Runs;
using Otto.Scheduling;
using Otto.Verification;

namespace Otto.Execution;

/// <summary>
/// One variant of a best-of round, from its worktree to its verdict: set up its worktree (variant 1 the
/// task's own, variant K its own on branch TASK.vK), run its agent (or adopt the one a dead owner left
/// running: its files are in attempt-N/variant-K/), commit its changes on its branch, verify them and pass
/// them through the merge gates. Writes no events of its own (the round records what it returns); its agent
/// waits for its provider's rate-limit backoff like any attempt's (the gate records that). Safe to repeat after
/// a crash at any step (the worktree marker, base_commit, the agent's result and the commit are idempotent).
/// </summary>
public sealed class VariantAttempt(RunContext run, TaskState task, int attempt, int variant, IProviderGate? gate = null, JobSignals? signals = null)
{
    private readonly AttemptFiles _files = new(Path.Combine(run.Paths.AttemptDir(task.Id, attempt), $"variant-{variant}"));
    private readonly AgentConfig _agent = BestOfRules.AgentOf(run.Config, variant);

    public async Task<VariantFinished> RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_files.Dir);
        var workspace = new TaskWorkspace(run, task, variant);
        var state = run.Journal.Read();
        var baseCommitFile = Path.Combine(_files.Dir, "base_commit");
        if (!ControlFile.Exists(baseCommitFile))
        {
            // Each variant goes on from its own branch: a later round's variant K fixes what variant K did.
            var own = variant == 1 ? task.HeadCommit : null;
            var start = own ?? run.Repo.TryResolve("refs/heads/" + workspace.Branch) ?? state.IntegrationHead ?? run.Info.BaseSha;
            if (await workspace.EnsureAsync(start, _files.Dir, ct).ConfigureAwait(false) is { } setupProblem)
                return Ended(null, null, new FailureInfo(FailureKind.Internal, setupProblem, FailureSignature.Of(setupProblem)));
            ControlFile.Write(baseCommitFile, workspace.Git.Resolve("HEAD"));
        }

        var agents = new AgentRequestFactory(run, AgentSelection.Implementer, _agent);
        var request = agents.Create(AttemptPrompt.Stage(task, attempt), task.Id, attempt, workspace.Dir, _files, "", null) with { Variant = variant };
        if (AgentProcess.Inspect(_files) is LaunchState.NotLaunched)
        {
            workspace.RemoveStaleStatus();
            workspace.PrepareOwnershipGuards(agents.Provider.Name);
            request = request with { Prompt = AttemptPrompt.Render(run, state, task, attempt, request.StatusFile, null) };
        }
        var outcome = await new AgentRunner(agents.Provider, run.Redactor, gate).RunAsync(request, run.Limits, 0, QuietAgentObserver.Instance, ct).ConfigureAwait(false);
        var (commit, status, damage) = Commit(workspace);
        if (damage is not null) return Ended(outcome, null, new FailureInfo(FailureKind.Agent, damage, FailureSignature.Of(damage)), status.Summary);
        var verdict = outcome.Exit.KilledBy == AgentExit.Canceled
            ? new AttemptVerdict.Failed(new FailureInfo(FailureKind.User, "canceled while the agent was working"))
            : AttemptJudge.Judge(outcome.Exit, outcome.Report, status, run.Config.Limits);
        return verdict switch
        {
            AttemptVerdict.Failed failed => Ended(outcome, commit, failed.Failure, status.Summary),
            AttemptVerdict.AskHuman ask => Ended(outcome, commit, null, status.Summary) with { Question = ask.Question },
            _ => await VerifyAsync(workspace, commit, ct).ConfigureAwait(false) is { } problem
                ? Ended(outcome, commit, problem, status.Summary)
                : Ended(outcome, commit, null, status.Summary, verified: true),
        };
    }

    /// <summary>Reads the status contract and commits the agent's changes on the variant's branch; or, when the
    /// agent damaged its worktree (<see cref="WorktreeDamage"/>), repairs it and says what happened.</summary>
    private (string Commit, StatusReport Status, string? Damage) Commit(TaskWorkspace workspace)
    {
        var status = StatusIngestor.Ingest(workspace.Dir, workspace.FallbackIsProjectFile).Redacted(text => TerminalText.Strip(run.Redactor.Redact(text)));
        File.WriteAllText(_files.Status, TaskAttemptJob.StatusJson(status));
        var baseCommit = ControlFile.Read(Path.Combine(_files.Dir, "base_commit"))
            ?? throw new InvalidOperationException($"{_files.Dir}/base_commit is missing although the agent ran");
        if (WorktreeDamage.Find(workspace.Dir, workspace.Git, baseCommit) is { } damage)
        {
            WorktreeDamage.Repair(workspace.Dir, workspace.Git, workspace.Branch, baseCommit,
                $"refs/otto/displaced/{run.Info.RunId}/{task.Id}/attempt-{attempt}-v{variant}");
            return (baseCommit, status, damage);
        }
        var message = run.Redactor.Redact($"otto({task.Id}): attempt {attempt}, variant {variant}" + (status.Summary is { Length: > 0 } summary ? $"\n\n{summary}" : ""));
        var rootStatusIsContract = status.Source == StatusIngestor.Fallback || StatusIngestor.HasFallbackStatus(workspace.Dir, workspace.FallbackIsProjectFile);
        var commit = ChangeCommitter.Commit(workspace.Git, workspace.Branch, baseCommit, message, rootStatusIsContract);
        ContextFile.Add(run.Paths.Context, task.Id, status.Learnings);
        return (commit, status, null);
    }

    /// <summary>The project's checks, then the merge gates (a variant that cannot be merged is no winner).</summary>
    /// <returns>Null when the variant is verified, else why not.</returns>
    private async Task<FailureInfo?> VerifyAsync(TaskWorkspace workspace, string commit, CancellationToken ct)
    {
        // In one of the process's verify slots, like a single attempt's (Engine/JobSignals).
        var result = await JobSignals.InVerifySlotAsync(signals,
            () => Verifier.RunAsync(run.Config.Verify.Commands, workspace.Dir, _files.Dir, run.Config.Limits.KillGrace, null, ct, run.Redactor), ct).ConfigureAwait(false);
        if (!result.Passed && !PreExistingFailure.Is(result, run.Journal.Read(), run.Config)) return VerifyFailure.Of(result, run.Config);
        var integrated = run.Journal.Read().IntegrationHead ?? run.Info.BaseSha;
        var refusal = MergeGate.Refusal(run.Repo, run.Repo.MergeBase(integrated, commit) ?? integrated, commit, run.Config, run.Redactor);
        return refusal is null ? null : new FailureInfo(FailureKind.Contract, refusal, FailureSignature.Of(refusal));
    }

    private VariantFinished Ended(AgentOutcome? outcome, string? commit, FailureInfo? failure, string? summary = null, bool verified = false) => new(
        variant, outcome?.Provider ?? _agent.Provider ?? AgentConfig.DefaultProvider, _agent.Model, commit, verified,
        outcome?.Report.CostUsd, outcome?.Report.Tokens, summary, failure);
}
