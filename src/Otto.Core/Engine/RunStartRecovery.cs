using Otto.Git;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// A run whose log lacks run_started (otto was killed between writing run.json and the first event, or the
/// log was deleted) is continued from run.json, which holds all of it: the integration branch is made if it
/// never was, and run_started is recorded with the run's true start time.
/// </summary>
public static class RunStartRecovery
{
    public static void EnsureStarted(RunContext run)
    {
        if (run.Journal.Read().CreatedAt != default) return;
        var info = run.Info;
        var reference = "refs/heads/" + info.IntegrationBranch;
        var existing = run.Repo.TryResolve(reference);
        if (existing is null && !run.Repo.UpdateRef(reference, info.BaseSha, GitRepo.ZeroSha))
            existing = run.Repo.TryResolve(reference);
        run.Journal.Commit(state => state.CreatedAt != default
            ? []
            : [
                new NewEvent(new RunStarted(info.RunId, IntentText.Summary(info.Intent), info.BaseBranch, info.BaseSha, info.IntegrationBranch, info.PlanOnly, info.OttoVersion, info.CreatedAt)),
                .. existing is not null && existing != info.BaseSha
                    ? [new NewEvent(new IntegrityWarning("integration_branch", $"{reference} was at {existing}, not at the base {info.BaseSha}, when the run was recovered from run.json"))]
                    : Array.Empty<NewEvent>(),
            ]);
    }
}
