using Otto.Events;

namespace Otto.Report;

/// <summary>When one task attempt ran and how it ended, as the event log tells it.</summary>
/// <param name="Result">merged, failed, conflict, waiting, verified (passed, not merged yet), running, or
/// unfinished (the run ended first).</param>
/// <param name="Commit">The commit the attempt's work was recorded as on the task branch, if it got that far.</param>
public sealed record AttemptSpan(
    string Task, int Attempt, AttemptKind Kind, DateTimeOffset Start, DateTimeOffset? End, string Result, FailureInfo? Failure, string? Commit);

/// <summary>One attempt of a run-level stage (classify, plan, integrate).</summary>
public sealed record StageSpan(Stage Stage, int Attempt, DateTimeOffset Start, DateTimeOffset? End, bool? Ok, FailureInfo? Failure);

/// <summary>The per-attempt history the folded <see cref="RunState"/> does not keep (it keeps totals).</summary>
public sealed record RunHistory(IReadOnlyList<AttemptSpan> Attempts, IReadOnlyList<StageSpan> Stages, DateTimeOffset? LastEventAt)
{
    public IReadOnlyList<AttemptSpan> Of(string task) => [.. Attempts.Where(a => a.Task == task).OrderBy(a => a.Attempt)];

    public static class Results
    {
        public const string Merged = "merged";
        public const string Failed = "failed";
        public const string Conflict = "conflict";
        public const string Waiting = "waiting";
        public const string Verified = "verified";
        public const string Running = "running";
        public const string Unfinished = "unfinished";
    }
}
