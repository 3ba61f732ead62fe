namespace Otto.Events;

// Amendments (docs/ownership.md): a task that needs a change in a path another task owns asks for it in
// its status file; otto routes the request to the owner, reopens a merged owner to make it, and gives the
// task that asked a new attempt on top of the change, or refuses it. Every step is one of these events.

/// <summary>The events <see cref="Runs.AmendmentFold"/> folds: they change an amendment and the two tasks
/// it joins, the one that asked and the owner.</summary>
public interface IAmendmentEvent;

/// <summary>A task's attempt asked for changes in paths it does not own; the event's `task` and `attempt`
/// are the requester's, and that attempt ends here (it is not verified and does not count against
/// limits.max_attempts).</summary>
public sealed record AmendmentRequested(IReadOnlyList<RequestedAmendment> Amendments) : EventBody, IAmendmentEvent;

/// <summary>One request. <see cref="Id"/> numbers the run's amendments 1, 2, 3...; <see cref="Owner"/> is
/// the task that owns <see cref="Path"/> under the plan (null: no task does); <see cref="Problem"/> says why
/// no task can make the change (null when one can).</summary>
public sealed record RequestedAmendment(int Id, string Path, string Change, string? Reason, string? Owner, string? Problem = null);

/// <summary>The amendment goes to its owner (the event's `task`): its next attempt's prompt asks for it.</summary>
public sealed record AmendmentRouted(int Amendment, string Requester, string Path) : EventBody, IAmendmentEvent;

/// <summary>The owner (the event's `task`) had merged already: it is reopened for these amendments, and its
/// next attempt starts on top of <see cref="IntegrationSha"/>, with limits.max_attempts of its own.</summary>
public sealed record AmendmentReopened(IReadOnlyList<int> Amendments, string IntegrationSha) : EventBody, IAmendmentEvent;

/// <summary>The owner (the event's `task`) merged an attempt that was asked for the amendment; the
/// integration branch has it at <see cref="Commit"/>. The requester gets a new attempt on top of it once
/// none of its amendments is open.</summary>
public sealed record AmendmentMade(int Amendment, string Requester, string Path, string Commit) : EventBody, IAmendmentEvent;

/// <summary>The amendment will not be made; the event's `task` is the requester. <see cref="Limit"/> is set
/// when limits.max_amendments refused it.</summary>
public sealed record AmendmentRefused(int Amendment, string Path, string? Owner, string Reason, LimitHit? Limit = null) : EventBody, IAmendmentEvent;
