using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Ownership;
using Otto.Planning;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// The attempt's side of amendments: which changes an attempt asked for in paths it does not own (its
/// status file's `amendments`), the event that records them with their owners, and — at the start of a
/// later attempt — bringing the task's worktree on top of the integration branch that has them.
/// </summary>
public static class AmendmentIntake
{
    /// <summary>The amendments an attempt asks for, when they count: the status file is valid and the
    /// agent ended on its own (an attempt that crashed or was stopped is a failure, whatever it asked).
    /// They count whatever the outcome: an agent that needs a change it cannot make says so either way.</summary>
    public static IReadOnlyList<AmendmentRequest> Asked(AgentOutcome outcome, StatusReport status, LimitsConfig limits) =>
        status.Amendments.Count > 0 && status.Error is null
            && AttemptJudge.Judge(outcome.Exit, outcome.Report, status with { Outcome = Outcomes.Success }, limits) is AttemptVerdict.Verify
            ? status.Amendments
            : [];

    /// <summary>amendment_requested: the run's next ids, each request with the task that owns its path under
    /// the plan, or why none can make it (<see cref="AmendmentRoute"/>).</summary>
    public static NewEvent Event(RunState state, PlanDocument? plan, string taskId, int attempt, IReadOnlyList<AmendmentRequest> asked)
    {
        var next = state.Amendments.Count == 0 ? 1 : state.Amendments.Max(a => a.Id) + 1;
        var routes = plan is null ? null : AmendmentRoute.For(new PathOwners(plan), taskId, asked);
        var requested = asked.Select((r, i) => new RequestedAmendment(
            next + i, r.Path, r.Change, r.Reason, routes?[i].Owner, routes is null ? "the run has no accepted plan to find the owner in" : routes[i].Problem)).ToList();
        return new NewEvent(new AmendmentRequested(requested), taskId, attempt);
    }

    /// <summary>
    /// Before an attempt that must start on top of <paramref name="required"/> (an amendment it asked for is
    /// on the integration branch there, or it was reopened to make one): unless the worktree has it already,
    /// merge the integration head in (not committed: the attempt's commit records both parents). A merge
    /// that conflicts is abandoned: the task then merges as any other, and a conflict becomes a fix attempt.
    /// </summary>
    /// <returns>False when the merge conflicted and was abandoned.</returns>
    public static bool CatchUp(TaskWorkspace workspace, string required, string integrationHead)
    {
        var git = workspace.Git;
        if (git.TryResolve("MERGE_HEAD") is not null || git.IsAncestor(required, "HEAD")) return true;
        workspace.StartConflictMerge(integrationHead);
        if (git.Git("ls-files", "--unmerged").Stdout.Length == 0) return true;
        git.Git("merge", "--abort");
        return false;
    }
}
