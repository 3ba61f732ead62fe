namespace Otto.Runs;

/// <summary>
/// One amendment of the run, folded from its events: a change <see cref="Requester"/> asked for in
/// <see cref="Path"/>, which <see cref="Owner"/> owns. It is requested, then routed to the owner (and
/// delivered in the prompt of the owner's attempt <see cref="DeliveredIn"/>), then made (the integration
/// branch has it at <see cref="Commit"/>) or refused (<see cref="Refusal"/>).
/// </summary>
public sealed record Amendment(
    int Id, string Requester, int RequesterAttempt, string Path, string Change, string? Reason, string? Owner, string? Problem)
{
    public AmendmentStatus Status { get; init; } = AmendmentStatus.Requested;

    /// <summary>The owner's attempt whose prompt asked for it; null until an attempt started after routing.</summary>
    public int? DeliveredIn { get; init; }

    public string? Commit { get; init; }

    public string? Refusal { get; init; }

    public LimitHit? Limit { get; init; }

    /// <summary>Still to be made or refused: the requester waits on it.</summary>
    public bool IsOpen => Status is AmendmentStatus.Requested or AmendmentStatus.Routed;
}

public enum AmendmentStatus
{
    Requested,
    Routed,
    Made,
    Refused,
}
