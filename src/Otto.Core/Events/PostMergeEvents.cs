namespace Otto.Events;

// After every task merged: the integration check's fix (an integration task), the reviewer's rounds, the
// PR's feedback, and the fix rounds they lead to (a merged task reopened).

/// <summary>A task otto adds while the run goes (the integration task, on the integration branch), with
/// the round that asked for it. Its id is the event's `task`.</summary>
public sealed record TaskAdded(
    string Title, string Description, TaskRole Role, IReadOnlyList<string> OwnedPaths, string Branch, FixRound Round) : EventBody;

/// <summary>A merged task gets another round of fix attempts, landing on top of the current integration
/// head. <see cref="OwnedPaths"/> are paths it owns from now on (review findings in files nobody owned).</summary>
public sealed record TaskReopened(FixRound Round, IReadOnlyList<string>? OwnedPaths = null) : EventBody;

/// <summary>Why a task has a fix round: the integration check failed, the reviewer found something, or
/// the PR had review comments or failing checks. <see cref="Number"/> counts rounds per source.</summary>
/// <param name="Failure">What the round's attempts must fix, verbatim (counted by the breaker like any failure).</param>
/// <param name="IntegrationSha">The integration head the round starts from.</param>
public sealed record FixRound(
    FixSource Source, int Number, string Reason, FailureInfo? Failure, IReadOnlyList<Finding>? Findings, string IntegrationSha);

/// <summary>One thing to fix: a reviewer's finding, or a PR's review comment or failing check.</summary>
/// <param name="Path">Null for what is about the whole change (a review's body, a failing check).</param>
/// <param name="Severity">blocker, major, minor or nit (contracts.md `.ai/review.json`).</param>
/// <param name="Id">For PR feedback: the thread, review or check it came from, so it is handled once.</param>
public sealed record Finding(
    string? Path, int? Line, string Severity, string Message, string? Task = null, string? Id = null, string? Url = null, string? Author = null);

public enum FixSource
{
    Integration,
    Review,
    Pr,
}

/// <summary>`otto review RUN`: review the verified branch (again), whatever review.enabled says.</summary>
public sealed record ReviewRequested(string By) : EventBody;

/// <summary>The reviewer's accepted answer for round <see cref="Round"/> of the head <see cref="Sha"/>;
/// the whole answer is kept in <see cref="File"/> (and review.json, the latest) in the run folder.</summary>
public sealed record ReviewFinished(
    int Round, int Attempt, string Sha, string Verdict, string? Summary, IReadOnlyList<Finding> Findings, string File) : EventBody;

/// <summary>`otto pr sync`: the PR's actionable review comments and failing checks at <see cref="HeadSha"/>.</summary>
public sealed record PrFeedback(int Round, int Number, string HeadSha, IReadOnlyList<Finding> Findings) : EventBody;
