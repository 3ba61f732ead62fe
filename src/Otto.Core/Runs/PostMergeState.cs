using System.Collections.Immutable;

namespace Otto.Runs;

/// <summary>The reviewer's rounds in this review sequence (review.enabled, or since the last `otto review`).</summary>
/// <param name="Requested">`otto review` asked for a review, whatever review.enabled says.</param>
/// <param name="Rounds">Reviews accepted in this sequence.</param>
/// <param name="Attempts">Review stage attempts over the whole run (they number the stage folders).</param>
/// <param name="Tries">Review stage attempts since the last accepted review (a second failed one ends the run).</param>
/// <param name="FixedRound">The last round whose findings were turned into fix rounds.</param>
/// <param name="Accepted">Reviews accepted over the whole run, every sequence (they number review-N.json).</param>
public sealed record ReviewProgress(
    bool Requested = false, int Rounds = 0, int Attempts = 0, int Tries = 0, ReviewFinished? Last = null, int FixedRound = 0, int Accepted = 0);

/// <summary>`otto pr sync` rounds: the last feedback read from the PR, and the last round turned into fixes.</summary>
public sealed record PrProgress(int Rounds = 0, PrFeedback? Last = null, int FixedRound = 0);

/// <summary>A fix round of a task: why, and how many attempts it had when the round began (the round's
/// attempts are bounded by limits.max_attempts from there).</summary>
/// <param name="Reopened">The task had merged before this round (a squash commit then says which round it is).</param>
public sealed record TaskRound(FixRound Round, int AttemptBase, bool Reopened)
{
    /// <summary>What the landing commit's subject adds for a reopened task, or null.</summary>
    public string? Label => !Reopened ? null : Round.Source switch
    {
        FixSource.Review => $"review round {Round.Number} fixes",
        FixSource.Pr => $"PR feedback round {Round.Number} fixes",
        _ => $"integration check {Round.Number} fixes",
    };
}

/// <summary>The fold of the post-merge events (StateFold calls these): tasks added and reopened, review and PR rounds.</summary>
public static class PostMergeFold
{
    public static RunState AddTask(RunState s, string id, TaskAdded b)
    {
        var task = new TaskState
        {
            Id = id, Title = b.Title, Description = b.Description, Role = b.Role, OwnedPaths = [.. b.OwnedPaths], Branch = b.Branch,
            Order = s.Tasks.Count, Added = true, Round = new TaskRound(b.Round, 0, Reopened: false),
            LastFailure = b.Round.Failure is { } f ? f with { Task = id } : null,
            SignatureCounts = Count(ImmutableDictionary<string, int>.Empty, b.Round.Failure?.Signature),
        };
        return Routed(s with { Tasks = s.Tasks.Add(task) }, b.Round);
    }

    public static RunState Reopen(RunState s, TaskState t, TaskReopened b)
    {
        // An integration check that fails again is the same repair going on: its attempts keep counting.
        var attemptBase = b.Round.Source == FixSource.Integration ? t.Round?.AttemptBase ?? 0 : t.Attempts;
        var reopened = t with
        {
            Phase = TaskPhase.Pending, Step = AttemptStep.None, Claim = null, PendingConflict = null,
            Round = new TaskRound(b.Round, attemptBase, Reopened: true),
            OwnedPaths = b.OwnedPaths is { Count: > 0 } more ? [.. t.OwnedPaths.Concat(more).Distinct(StringComparer.Ordinal)] : t.OwnedPaths,
            LastFailure = b.Round.Failure is { } f ? f with { Task = t.Id } : t.LastFailure,
            SignatureCounts = Count(t.SignatureCounts, b.Round.Failure?.Signature),
        };
        return Routed(s.WithTask(reopened), b.Round);
    }

    /// <summary>New work on the branch: the integration check and the review of it are due again.</summary>
    private static RunState Routed(RunState s, FixRound round) => s with
    {
        Stage = Stage.Execute,
        IntegrationVerified = null,
        IntegrationAttemptsBefore = s.IntegrationVerifyAttempts,
        IntegrationFixRounds = round.Source == FixSource.Integration ? Math.Max(s.IntegrationFixRounds, round.Number) : s.IntegrationFixRounds,
        Review = round.Source == FixSource.Review ? s.Review with { FixedRound = Math.Max(s.Review.FixedRound, round.Number) } : s.Review,
        Pr = round.Source == FixSource.Pr ? s.Pr with { FixedRound = Math.Max(s.Pr.FixedRound, round.Number) } : s.Pr,
    };

    private static ImmutableDictionary<string, int> Count(ImmutableDictionary<string, int> counts, string? signature) =>
        signature is null ? counts : counts.SetItem(signature, counts.GetValueOrDefault(signature) + 1);
}
