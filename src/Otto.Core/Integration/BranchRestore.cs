using Otto.Engine;
using Otto.Runs;

namespace Otto.Integration;

/// <summary>
/// `otto resume RUN --restore-branch`: puts the integration branch back to the head otto recorded, after
/// something else moved it. The commit found there is kept under refs/otto/displaced/ so nothing is lost,
/// and the run is reopened so the stop the move caused no longer holds.
/// </summary>
public static class BranchRestore
{
    /// <returns>One sentence saying what was done.</returns>
    public static string Restore(RunContext run)
    {
        var state = run.Journal.Read();
        var reference = "refs/heads/" + run.Info.IntegrationBranch;
        var recorded = state.IntegrationHead ?? run.Info.BaseSha;
        var found = run.Repo.TryResolve(reference);
        string said;
        if (found == recorded)
        {
            said = $"{reference} is already at {recorded}, where otto left it";
        }
        else
        {
            var kept = "";
            if (found is not null)
            {
                var displaced = $"refs/otto/displaced/{run.Info.RunId}/{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
                run.Repo.Git("update-ref", displaced, found).EnsureOk();
                kept = $"; what was there ({found}) is kept as {displaced}";
            }
            run.Repo.Git("update-ref", reference, recorded).EnsureOk();
            said = $"{reference} was put back to {recorded}{kept}";
        }
        // The run's earlier ending is history now; the next ending writes final.json anew.
        if (File.Exists(run.Paths.Final)) File.Move(run.Paths.Final, Path.Combine(run.Paths.Dir, "final.previous.json"), overwrite: true);
        run.Journal.Append(new NewEvent(new RunResumed("otto resume --restore-branch", recorded)));
        return said;
    }
}
