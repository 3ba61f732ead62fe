namespace Otto.Events;

/// <summary>Why something failed: its kind, the verbatim reason, its signature and the limit that fired, if one did.</summary>
/// <remarks><see cref="Fatal"/> failures (an agent that cannot authenticate) stop the whole run at once.</remarks>
public sealed record FailureInfo(
    FailureKind Kind, string? Reason, string? Signature = null, LimitHit? Limit = null, string? Task = null, bool Fatal = false, string? Command = null);

public sealed record LimitHit(string Name, string Value);

/// <summary>Events whose data carries a failure's fields at the top level (the wire format of
/// attempt_failed, merge_conflict and integration_verified): one conversion each way.</summary>
public interface IFailureFields
{
    FailureKind Kind { get; }
    string? Reason { get; }
    string? Signature { get; }
    LimitHit? Limit { get; }
    string? Task { get; }
    bool Fatal { get; }
    string? Command { get; }

    FailureInfo ToFailure() => new(Kind, Reason, Signature, Limit, Task, Fatal, Command);
}
