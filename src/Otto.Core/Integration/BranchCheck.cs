using Otto.Engine;
using Otto.Runs;

namespace Otto.Integration;

/// <summary>
/// What must hold of the integration branch before otto vouches for it: it is exactly where otto left it,
/// and every merged task's commit is on it. Anything else is an integrity problem, described in one
/// sentence naming the ref and the commits.
/// </summary>
public static class BranchCheck
{
    public static string? Problem(RunContext run, RunState state)
    {
        var reference = "refs/heads/" + run.Info.IntegrationBranch;
        var recorded = state.IntegrationHead ?? run.Info.BaseSha;
        var found = run.Repo.TryResolve(reference);
        if (found != recorded)
            return $"{reference} is at {found ?? "(deleted)"}, not at {recorded} where otto left it: something other than otto moved it " +
                $"(`otto resume {run.Info.RunId} --restore-branch` puts otto's head back)";
        var missing = state.Tasks
            .Where(t => t.Phase == TaskPhase.Merged && t.IntegrationCommit is { } landed && !run.Repo.IsAncestor(landed, recorded))
            .Select(t => $"{t.Id} ({t.IntegrationCommit})").ToList();
        return missing.Count == 0 ? null : $"{reference} at {recorded} does not contain the merged work of {string.Join(", ", missing)}";
    }
}
