namespace Otto.Runs;

/// <summary>
/// The fold's part for amendments (<see cref="IAmendmentEvent"/>): each event moves one amendment and the
/// task it concerns. A requester waits from its request until none of its amendments is open; an owner
/// that had merged is reopened by amendment_reopened and goes back to merged when its round is refused.
/// </summary>
public static class AmendmentFold
{
    public static RunState Apply(RunState s, RunEvent e, IAmendmentEvent body) => body switch
    {
        AmendmentRequested b => Requested(s, e, b),
        AmendmentRouted b => Update(s, b.Amendment, a => a with { Status = AmendmentStatus.Routed }),
        AmendmentReopened b => Reopened(s, e.Task, b),
        AmendmentMade b => Made(s, b),
        AmendmentRefused b => Refused(s, b),
        _ => s,
    };

    /// <summary>After a task event: a new attempt of an owner carries (in its prompt) the amendments routed
    /// to it that no earlier attempt carried. A takeover continues an attempt whose prompt may be written
    /// already, so it carries nothing new.</summary>
    public static RunState Deliver(RunState s, RunEvent e)
    {
        if (e.Body is not TaskClaimed { Takeover: false } || e.Task is not { } owner || s.Task(owner)?.Claim?.Attempt is not { } attempt || attempt != e.Attempt)
            return s;
        if (!s.Amendments.Any(a => a.Owner == owner && a.Status == AmendmentStatus.Routed && a.DeliveredIn is null)) return s;
        return s with
        {
            Amendments = [.. s.Amendments.Select(a => a.Owner == owner && a.Status == AmendmentStatus.Routed && a.DeliveredIn is null ? a with { DeliveredIn = attempt } : a)],
        };
    }

    private static RunState Requested(RunState s, RunEvent e, AmendmentRequested b)
    {
        if (e.Task is null || s.Task(e.Task) is not { } requester || requester.IsTerminal) return s;
        var attempt = e.Attempt ?? requester.Attempts;
        var added = b.Amendments.Select(r => new Amendment(r.Id, requester.Id, attempt, r.Path, r.Change, r.Reason, r.Owner, r.Problem));
        return s.WithTask(requester with
        {
            Phase = TaskPhase.WaitingForAmendment,
            Claim = null,
            Step = AttemptStep.None,
            Agent = null,
            UncountedAttempts = requester.UncountedAttempts + 1,
            LastFailure = null,
            PendingConflict = null,
        }) with { Amendments = s.Amendments.AddRange(added) };
    }

    private static RunState Reopened(RunState s, string? ownerId, AmendmentReopened b)
    {
        if (ownerId is null || s.Task(ownerId) is not { Phase: TaskPhase.Merged } owner) return s;
        return s.WithTask(owner with
        {
            Phase = TaskPhase.Pending,
            AmendmentRound = true,
            UncountedAttempts = owner.Attempts,
            StartOnTopOf = b.IntegrationSha,
            LastFailure = null,
            SignatureCounts = owner.SignatureCounts.Clear(),
            PendingConflict = null,
            Claim = null,
            Step = AttemptStep.None,
        });
    }

    private static RunState Made(RunState s, AmendmentMade b)
    {
        s = Update(s, b.Amendment, a => a with { Status = AmendmentStatus.Made, Commit = b.Commit });
        if (s.Task(b.Requester) is { Phase: TaskPhase.WaitingForAmendment } requester && !s.Amendments.Any(a => a.Requester == requester.Id && a.IsOpen))
            s = s.WithTask(requester with { Phase = TaskPhase.Pending, StartOnTopOf = b.Commit });
        return s;
    }

    private static RunState Refused(RunState s, AmendmentRefused b)
    {
        s = Update(s, b.Amendment, a => a with { Status = AmendmentStatus.Refused, Refusal = b.Reason, Limit = b.Limit });
        // An owner reopened for amendments that will not be made any more, and not working on one, has nothing
        // left to do in its round: it is merged, as it was.
        if (b.Owner is not null && s.Task(b.Owner) is { AmendmentRound: true, Phase: TaskPhase.Pending, Claim: null } owner
            && !s.Amendments.Any(a => a.Owner == owner.Id && a.Status == AmendmentStatus.Routed))
            s = s.WithTask(owner with { Phase = TaskPhase.Merged, AmendmentRound = false });
        return s;
    }

    private static RunState Update(RunState s, int id, Func<Amendment, Amendment> change)
    {
        var index = s.Amendments.FindIndex(a => a.Id == id);
        return index < 0 ? s : s with { Amendments = s.Amendments.SetItem(index, change(s.Amendments[index])) };
    }
}
