namespace Otto.Events;

// A task's fate, decided by the scheduler or a human.

public sealed record BreakerTripped(string? Signature, int? Count) : EventBody;

public sealed record TaskFailed(FailureInfo? Cause) : EventBody;

public sealed record TaskBlocked(string By) : EventBody;

public sealed record TaskSkipped(string Reason) : EventBody;

public sealed record TaskWaiting(string? Question) : EventBody;

public sealed record HumanAnswered(string Answer) : EventBody;
