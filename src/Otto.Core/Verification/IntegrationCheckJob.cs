using Otto.Agents;
using Otto.Engine;
using Otto.Execution;
using Otto.Integration;

namespace Otto.Verification;

/// <summary>
/// The final check, after every task merged: the integration branch on a clean checkout, prepared exactly
/// like a task worktree (setup.copy, setup.commands), then the project's verify commands. Only a pass
/// makes the run `succeeded`. With learnings.path tracked, the commit checked is the run's learnings commit
/// on top of the head (<see cref="LearningsCommit"/>), and the branch moves onto it only when it passes.
/// </summary>
public sealed class IntegrationCheckJob(RunContext run, int attempt)
{
    private readonly AttemptFiles _files = new(run.Paths.StageAttemptDir(Stage.Integrate, attempt));

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_files.Dir);
        await using var heartbeat = new Heartbeat(_files.Heartbeat, Stage.Integrate.Name());
        var worktree = run.StageWorktree("integration");
        var learnings = new LearningsCommit(run);
        learnings.RecordUnrecorded();
        var state = run.Journal.Read();
        if (BranchCheck.Problem(run, state) is { } problem)
        {
            run.Journal.Append(new NewEvent(new IntegrityWarning("integration_branch", problem, Stops: true)),
                new NewEvent(new StageFinished(Stage.Integrate, attempt, Ok: true)));
            return;
        }
        var candidate = learnings.Prepare(state, state.IntegrationHead!, _files.Dir);
        var tip = candidate?.Commit ?? state.IntegrationHead!;
        run.Repo.RemoveWorktree(worktree);
        // Verified clean, like a fresh checkout: a pooled worktree, else one the run no longer needs, else a new one.
        if (!Execution.WorktreePool.TryTake(run.Repo, run.Info.WorktreeRoot, worktree, tip) && !Execution.WorktreeRecycler.TryTakeForCheck(run, worktree, tip))
            run.Repo.AddDetachedWorktree(worktree, tip);
        var verified = await WorktreeSetup.RunAsync(run, worktree, _files.Dir, ct).ConfigureAwait(false) is { } setupProblem
            ? new IntegrationVerified(false, tip, [], FailureKind.Verification, setupProblem, FailureSignature.Of(setupProblem))
            : await VerifyAsync(worktree, tip, ct).ConfigureAwait(false);
        var finished = new StageFinished(Stage.Integrate, attempt, Ok: true);
        if (verified.Passed && candidate is not null) learnings.Land(candidate, verified, finished);
        else run.Journal.Append(new NewEvent(verified), new NewEvent(finished));
    }

    private async Task<IntegrationVerified> VerifyAsync(string worktree, string tip, CancellationToken ct)
    {
        var result = await Verifier.RunAsync(run.Config.Verify.Commands, worktree, _files.Dir, run.Config.Limits.KillGrace, null, ct, run.Redactor).ConfigureAwait(false);
        return result.Passed || PreExistingFailure.Is(result, run.Journal.Read(), run.Config)
            ? new IntegrationVerified(true, tip, result.Logs)
            : new IntegrationVerified(false, tip, result.Logs, result.TimedOut ? FailureKind.Limit : FailureKind.Verification,
                result.Reason, result.Signature, Command: result.Command);
    }
}
