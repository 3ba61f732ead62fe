using Otto.Engine;
using Otto.Events;
using Otto.Git;
using Otto.Platform;
using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Execution;

/// <summary>
/// A claimed attempt with best_of > 1: its variants run at once (<see cref="VariantAttempt"/>), each recorded
/// as it ends (variant_finished); then the reviewer's pick among the verified (with roles.reviewer set and
/// two or more verified; <see cref="VariantChooser"/>) or else the first verified in variant order is chosen: the other variants'
/// commits are kept as refs/otto/tasks/RUN/TASK/alt-K, the task branch is moved to the winner, and
/// variant_chosen makes its commit the attempt's (the attempt goes on to integrate it, once, like any other).
/// When none verified, the round fails as one attempt. After a crash the new owner runs only the variants
/// not recorded yet; choosing is a function of the records, so a redo picks the same winner.
/// </summary>
public sealed class BestOfRound(
    RunContext run, string taskId, int attempt, int variants, Func<TaskState> current, Action<NewEvent[]> append, JobSignals? signals = null)
{
    /// <returns>True when a variant was chosen and the attempt goes on to integrate it.</returns>
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var task = current();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var runs = BestOfRules.Missing(task, attempt, variants).Select(k => RunVariantAsync(task, k, stop)).ToList();
        try
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (Exception) when (runs.Select(r => r.Exception?.GetBaseException()).OfType<ClaimLostException>().FirstOrDefault() is { } lost)
        {
            throw lost; // another owner has the attempt: that, not a sibling's cancellation, is what ended it
        }

        task = current();
        IReadOnlyList<VariantResult> results = [.. task.Variants.Where(v => v.Attempt == attempt)];
        var choice = VariantChooser.Applies(run.Config, results) ? await new VariantChooser(run, task, attempt).ChooseAsync(results, ct).ConfigureAwait(false) : null;
        switch (BestOfRules.Outcome(results, choice?.Variant))
        {
            case RoundOutcome.Chosen chosen:
                var alternates = Keep(task, chosen);
                CrashPoint.Here("variant-refs-kept");
                append([new NewEvent(new VariantChosen(chosen.Winner.Variant, chosen.Winner.Commit!, choice?.Variant is null ? "order" : "reviewer", alternates, chosen.Winner.Summary,
                    choice?.Reason, choice?.CostUsd, choice?.Tokens), taskId, attempt)]);
                return !ct.IsCancellationRequested;
            case RoundOutcome.Ask ask:
                append([new NewEvent(new TaskWaiting(ask.Question), taskId, attempt)]);
                return false;
            case RoundOutcome.Failed failed:
                append([new NewEvent(AttemptFailed.Of(failed.Failure), taskId, attempt)]);
                return false;
        }
        return false;
    }

    private async Task RunVariantAsync(TaskState task, int variant, CancellationTokenSource stop)
    {
        try
        {
            var finished = await new VariantAttempt(run, task, attempt, variant, ProviderGate.For(run, taskId, attempt, append), signals).RunAsync(stop.Token).ConfigureAwait(false);
            append([new NewEvent(finished, taskId, attempt)]);
            CrashPoint.Here("variant-recorded");
        }
        catch
        {
            // One variant that cannot go on (the claim is lost, otto broke) ends the round for all of them.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Keeps the variants not chosen under their alt refs and moves the task branch to the winner.
    /// Idempotent: a redo after a crash sets the same refs to the same commits.</summary>
    private IReadOnlyList<VariantRef> Keep(TaskState task, RoundOutcome.Chosen chosen)
    {
        var kept = new List<VariantRef>();
        foreach (var alternate in chosen.Alternates)
        {
            var reference = BranchNames.Alternate(run.Info.RunId, taskId, alternate.Variant);
            run.Repo.Git("update-ref", reference, alternate.Commit!).EnsureOk();
            kept.Add(new VariantRef(alternate.Variant, reference, alternate.Commit!));
        }
        if (chosen.Winner.Variant == 1) return kept;
        // The task's worktree (variant 1's) follows its branch, so a later conflict fix starts from the winner.
        var worktree = new GitRepo(run.TaskWorktree(taskId));
        if (File.Exists(Path.Combine(worktree.Root, ".git")) && worktree.CurrentBranch == task.Branch)
            worktree.Git("reset", "--quiet", "--hard", chosen.Winner.Commit!).EnsureOk();
        else
            run.Repo.Git("update-ref", "refs/heads/" + task.Branch, chosen.Winner.Commit!).EnsureOk();
        return kept;
    }
}
