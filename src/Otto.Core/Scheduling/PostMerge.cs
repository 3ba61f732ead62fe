using System.Globalization;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Scheduling;

/// <summary>
/// What happens once every task merged (pure, like the rest of the decider): the integration branch is
/// checked on a clean checkout; a failed check becomes a round of the integration task; a passed one is
/// reviewed when review is on (or `otto review` asked), and blocker and major findings become fix rounds of
/// the owning tasks, then the branch is checked and reviewed again, up to limits.max_review_rounds; PR
/// feedback recorded by `otto pr sync` becomes fix rounds the same way. Only then does the run succeed.
/// </summary>
public static class PostMerge
{
    public static IEnumerable<Decision> Decide(RunState state, SchedulerPolicy policy)
    {
        if (state.IntegrationVerified is null) return [IntegrationCheck(state)];
        if (state.IntegrationVerified == false) return [IntegrationFix(state)];
        if (state.Pr.Last is { } feedback && feedback.Round > state.Pr.FixedRound)
            return Fixes(state, FixSource.Pr, feedback.Round, feedback.Findings, $"PR #{feedback.Number} had review comments or failing checks");
        if (!policy.ReviewEnabled && !state.Review.Requested) return [new FinishRun(RunStatus.Succeeded, null)];
        var last = state.Review.Last;
        if (last is null || last.Round <= state.Review.FixedRound) return [ReviewStage(state)];
        var blocking = last.Findings.Where(FindingRouter.Blocks).ToList();
        if (blocking.Count == 0) return [new FinishRun(RunStatus.Succeeded, null)];
        if (last.Round < policy.MaxReviewRounds)
            return Fixes(state, FixSource.Review, last.Round, blocking, $"review round {last.Round} found {Count(blocking.Count, "blocker or major finding")}");
        var rounds = policy.MaxReviewRounds.ToString(CultureInfo.InvariantCulture);
        var reason = $"after {Count(last.Round, "review round")} the review still has {Count(blocking.Count, "blocker or major finding")} (limits.max_review_rounds: {rounds}):\n"
            + FindingRouter.Describe(blocking);
        return [new FinishRun(RunStatus.Failed, new FailureInfo(FailureKind.Review, reason, FailureSignature.Of(reason), new LimitHit("max_review_rounds", rounds)))];
    }

    /// <summary>An integration check that crashed twice (not one that failed: that is a verdict) ends the run.</summary>
    private static Decision IntegrationCheck(RunState state) =>
        state.ActiveStage is null && state.LastStageFailure is { } crashed
            && state.IntegrationVerifyAttempts - state.IntegrationAttemptsBefore >= Scheduler.MaxStageAttempts
            ? new FinishRun(RunStatus.Failed, crashed)
            : Scheduler.StageDecision(state, Stage.Integrate, state.IntegrationVerifyAttempts);

    /// <summary>Two tasks green alone, red together: the integration task gets a round with the verbatim failure.
    /// Its attempts over every such round are bounded by limits.max_attempts and the breaker (the same failure
    /// counted once per round), which the decider applies to it like to any task.</summary>
    private static Decision IntegrationFix(RunState state)
    {
        var failure = state.IntegrationFailure ?? new FailureInfo(FailureKind.Internal, "the integration check failed without saying why");
        var round = new FixRound(FixSource.Integration, state.IntegrationFixRounds + 1,
            "every task passed verification on its own branch, but the integration branch fails verification on a clean checkout", failure, null,
            state.IntegrationHead ?? state.BaseSha);
        return IntegrationTask.For(state, round, []);
    }

    /// <summary>A review round: the reviewer is asked once, and once more after a failed answer; a second failure ends the run.</summary>
    private static Decision ReviewStage(RunState state)
    {
        if (state.ActiveStage is { Stage: Stage.Review } active) return new RunStage(Stage.Review, active.Attempt, Continue: true);
        if (state.LastStageFailure is { } failed && state.Review.Tries >= Scheduler.MaxStageAttempts) return new FinishRun(RunStatus.Failed, failed);
        return new RunStage(Stage.Review, state.Review.Attempts + 1, Continue: false);
    }

    /// <summary>One fix round per owning task, all decided at once; what nobody owns goes to the integration task.</summary>
    private static IEnumerable<Decision> Fixes(RunState state, FixSource source, int number, IReadOnlyList<Finding> findings, string reason)
    {
        var head = state.IntegrationHead ?? state.BaseSha;
        FixRound Round(IReadOnlyList<Finding> mine)
        {
            var text = FindingRouter.Describe(mine);
            return new FixRound(source, number, reason, new FailureInfo(FailureKind.Review, text, FailureSignature.Of(text)), mine, head);
        }
        var routes = FindingRouter.Route(state, findings);
        var decisions = new List<Decision>();
        foreach (var task in state.Tasks.Where(t => !t.Added && routes.ByTask.ContainsKey(t.Id)))
            decisions.Add(new ReopenTask(task.Id, new TaskReopened(Round(routes.ByTask[task.Id]))));
        if (routes.Unowned.Count > 0)
            decisions.Add(IntegrationTask.For(state, Round(routes.Unowned), [.. routes.Unowned.Select(f => f.Path).OfType<string>().Where(p => p.Length > 0)]));
        return decisions;
    }

    private static string Count(int n, string thing) => n == 1 ? $"1 {thing}" : $"{n} {thing}s";
}
