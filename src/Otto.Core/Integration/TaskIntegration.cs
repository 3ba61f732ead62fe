using Otto.Config;
using Otto.Engine;
using Otto.Git;
using Otto.Ownership;
using Otto.Runs;

namespace Otto.Integration;

/// <summary>
/// Lands a verified task on the integration branch. The commit is prepared on the head otto recorded last;
/// the branch is then moved under the run lock, compare-and-swap from that recorded head, and the move is
/// recorded in the same breath — so the log and the branch never disagree for long, and a branch found
/// anywhere else (an agent's `git update-ref`, say) is never merged over: the run stops with cause
/// `integrity`. A landing otto made but did not record (a crash in between) is recognised and recorded.
/// </summary>
public sealed class TaskIntegration(RunContext run, TaskState task, int attempt, Func<RunState, bool> stillOwned)
{
    private string Reference => "refs/heads/" + run.Info.IntegrationBranch;

    private bool Squash => run.Config.Integration.Style == IntegrationConfig.Squash;

    /// <summary>The merge computed while the task verified, if any (<see cref="MergeAhead"/>).</summary>
    public MergeAhead? Ahead { get; init; }

    public (IntegrationResult Result, IReadOnlyList<string> Warnings) Land()
    {
        var warnings = new List<string>();
        var enforce = run.Config.Ownership == "enforce";
        var recorded = run.Info.BaseSha;
        IReadOnlyList<string> Ownership(IReadOnlyList<string> changed)
        {
            // The integration task otto adds owns what the tasks it repairs owned, shared files included.
            var state = run.Journal.Read();
            var foundation = task.Role == TaskRole.Foundation || task.Added;
            var violations = OwnershipRules.Violations(task.Id, foundation, task.OwnedPaths, state.SharedFiles, changed, ContractFreeze.For(state, task.Id))
                .Concat(LinkCheck.Violations(run.Repo, recorded, task.HeadCommit!)).ToList();
            if (enforce) return violations;
            warnings.AddRange(violations);
            return [];
        }
        var message = run.Redactor.Redact(Squash
            ? LandingMessage.Squash(run.Info.RunId, task, attempt, [.. run.Config.Verify.Commands.Select(c => c.Run)], task.Round?.Label)
            : LandingMessage.Merge(run.Info.RunId, task.Id, attempt, task.Title));
        for (var race = 0; race < 100; race++)
        {
            recorded = run.Journal.Read().IntegrationHead ?? run.Info.BaseSha;
            var prepared = Integrator.Prepare(run.Repo, recorded, task.HeadCommit!, message, Squash, Ownership, Ahead);
            if (prepared is not IntegrationResult.Ready ready) return (prepared, warnings);
            IntegrationResult? outcome = null;
            run.Journal.Commit(state =>
            {
                if (!stillOwned(state)) throw new ClaimLostException();
                if (state.IntegrationHead != ready.Tip) return []; // another task landed meanwhile: prepare again
                var found = run.Repo.TryResolve(Reference);
                if (found != ready.Tip)
                {
                    if (UnrecordedLanding(state, found) is { } earlier) return [earlier]; // ours, from before a crash
                    outcome = new IntegrationResult.Moved(ready.Tip, found);
                    return [Moved(ready.Tip, found)];
                }
                Git.StaleGitLocks.RemoveForRef(run.Repo, Reference); // under the run lock: only a killed holder's
                if (!run.Repo.UpdateRef(Reference, ready.Commit, ready.Tip, $"otto: merge task {task.Id} (attempt {attempt})"))
                {
                    outcome = new IntegrationResult.Moved(ready.Tip, run.Repo.TryResolve(Reference));
                    return [Moved(ready.Tip, run.Repo.TryResolve(Reference))];
                }
                outcome = new IntegrationResult.Merged(ready.Commit);
                return [new NewEvent(new TaskMerged(task.HeadCommit!, ready.Commit, false, warnings.Count == 0 ? null : warnings), task.Id, attempt)];
            });
            if (outcome is not null) return (outcome, warnings);
        }
        throw new InvalidOperationException($"gave up merging into {run.Info.IntegrationBranch} after 100 lost races");
    }

    private NewEvent Moved(string expected, string? found) => new(new IntegrityWarning("integration_branch",
        $"{Reference} is at {found ?? "(deleted)"}, not at {expected} where otto left it: something other than otto moved it, so otto merges nothing more onto it " +
        $"(`otto resume {run.Info.RunId} --restore-branch` puts otto's head back)", Stops: true));

    /// <summary>
    /// The branch is one commit ahead of the record, and that commit is otto's own landing of a task of this
    /// run that verified but whose landing was never recorded (a crash between the two): record it now.
    /// A merge commit is recognised by its second parent, the task's commit; a squash commit (one parent,
    /// so ancestry says nothing about the task) by its trailers and by its tree, which must be exactly the
    /// merge of the recorded head and the task's commit.
    /// </summary>
    private NewEvent? UnrecordedLanding(RunState state, string? found)
    {
        if (found is null || state.IntegrationHead is not { } recorded) return null;
        var parents = run.Repo.Parents(found);
        if (parents.Count is not (1 or 2) || parents[0] != recorded) return null;
        var body = run.Repo.MessageOf(found);
        if (LandingMessage.Trailer(body, "Otto-Run") != run.Info.RunId) return null;
        var owner = state.Task(LandingMessage.Trailer(body, "Otto-Task") ?? "");
        if (owner is null || owner.Phase == TaskPhase.Merged || owner.HeadCommit is not { } commit) return null;
        var landed = parents.Count == 2
            ? parents[1] == commit
            : run.Repo.MergeTree(recorded, commit) is { Clean: true } merge && merge.Tree == run.Repo.TreeOf(found);
        return landed ? new NewEvent(new TaskMerged(commit, found, true), owner.Id, owner.Claim?.Attempt ?? owner.Attempts) : null;
    }
}
