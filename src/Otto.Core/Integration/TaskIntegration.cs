using Otto.Engine;
using Otto.Git;
using Otto.Ownership;
using Otto.Runs;

namespace Otto.Integration;

/// <summary>
/// Lands a verified task on the integration branch. The merge is prepared on the head otto recorded last;
/// the branch is then moved under the run lock, compare-and-swap from that recorded head, and the move is
/// recorded in the same breath — so the log and the branch never disagree for long, and a branch found
/// anywhere else (an agent's `git update-ref`, say) is never merged over: the run stops with cause
/// `integrity`. A merge otto made but did not record (a crash in between) is recognised and recorded.
/// </summary>
public sealed class TaskIntegration(RunContext run, TaskState task, int attempt, Func<RunState, bool> stillOwned)
{
    private string Reference => "refs/heads/" + run.Info.IntegrationBranch;

    public (IntegrationResult Result, IReadOnlyList<string> Warnings) Land()
    {
        var warnings = new List<string>();
        var enforce = run.Config.Ownership == "enforce";
        var recorded = run.Info.BaseSha;
        IReadOnlyList<string> Ownership(IReadOnlyList<string> changed)
        {
            var violations = OwnershipRules.Violations(task.Id, task.Role == TaskRole.Foundation, task.OwnedPaths, run.Journal.Read().SharedFiles, changed)
                .Concat(LinkCheck.Violations(run.Repo, recorded, task.HeadCommit!)).ToList();
            if (enforce) return violations;
            warnings.AddRange(violations);
            return [];
        }
        var message = run.Redactor.Redact(Integrator.Message(run.Info.RunId, task.Id, attempt, task.Title));
        for (var race = 0; race < 100; race++)
        {
            recorded = run.Journal.Read().IntegrationHead ?? run.Info.BaseSha;
            var prepared = Integrator.Prepare(run.Repo, recorded, task.HeadCommit!, message, Ownership);
            if (prepared is not IntegrationResult.Ready ready) return (prepared, warnings);
            IntegrationResult? outcome = null;
            run.Journal.Commit(state =>
            {
                if (!stillOwned(state)) throw new ClaimLostException();
                if (state.IntegrationHead != ready.Tip) return []; // another task landed meanwhile: prepare again
                var found = run.Repo.TryResolve(Reference);
                if (found != ready.Tip)
                {
                    if (UnrecordedMerge(state, found) is { } earlier) return [earlier]; // ours, from before a crash
                    outcome = new IntegrationResult.Moved(ready.Tip, found);
                    return [Moved(ready.Tip, found)];
                }
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

    /// <summary>The branch is one merge ahead of the record, and that merge is otto's own for a task of
    /// this run that verified but whose merge was never recorded (a crash between the two): record it now.</summary>
    private NewEvent? UnrecordedMerge(RunState state, string? found)
    {
        if (found is null || state.IntegrationHead is not { } recorded) return null;
        var parents = run.Repo.Parents(found);
        if (parents.Count != 2 || parents[0] != recorded) return null;
        var owner = state.Tasks.FirstOrDefault(t => t.Phase != TaskPhase.Merged && t.HeadCommit == parents[1]);
        if (owner is null) return null;
        var body = run.Repo.MessageOf(found);
        if (!body.Contains($"Otto-Run: {run.Info.RunId}\n", StringComparison.Ordinal) || !body.Contains($"Otto-Task: {owner.Id}\n", StringComparison.Ordinal)) return null;
        return new NewEvent(new TaskMerged(parents[1], found, true), owner.Id, owner.Claim?.Attempt ?? owner.Attempts);
    }
}
