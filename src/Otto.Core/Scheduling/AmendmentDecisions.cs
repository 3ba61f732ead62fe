using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>A step of an amendment the scheduler decided (see <see cref="AmendmentRules"/>), recorded as its one event.</summary>
public abstract record AmendmentDecision : Decision
{
    public abstract NewEvent Event();
}

/// <summary>Send the amendment to its owner: the owner's next attempt is asked for it.</summary>
public sealed record RouteAmendment(Amendment Amendment) : AmendmentDecision
{
    public override NewEvent Event() => new(new AmendmentRouted(Amendment.Id, Amendment.Requester, Amendment.Path), Amendment.Owner);
}

/// <summary>The owner merged before it was asked: reopen it, to work on top of <see cref="IntegrationSha"/>.</summary>
public sealed record ReopenOwner(string Owner, IReadOnlyList<int> Amendments, string IntegrationSha) : AmendmentDecision
{
    public override NewEvent Event() => new(new AmendmentReopened(Amendments, IntegrationSha), Owner);
}

/// <summary>The owner merged an attempt that was asked for it: the amendment is on the integration branch at <see cref="Commit"/>.</summary>
public sealed record CompleteAmendment(Amendment Amendment, string Commit) : AmendmentDecision
{
    public override NewEvent Event() => new(new AmendmentMade(Amendment.Id, Amendment.Requester, Amendment.Path, Commit), Amendment.Owner);
}

/// <summary>The amendment will not be made, and why (<see cref="Limit"/>: limits.max_amendments).</summary>
public sealed record RefuseAmendment(Amendment Amendment, string Reason, LimitHit? Limit = null) : AmendmentDecision
{
    public override NewEvent Event() => new(new AmendmentRefused(Amendment.Id, Amendment.Path, Amendment.Owner, Reason, Limit), Amendment.Requester);
}
