using System.Globalization;
using Otto.Config;
using Otto.Contracts;
using Otto.Planning;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// The decision of what to do next, as a pure function of (state, policy, clock, claim observations).
/// No I/O: the driver and workers call it under the run lock and record what it returns.
/// </summary>
public static class Scheduler
{
    /// <summary>Classify and plan are asked at most twice: once, and once more with the problems quoted.</summary>
    public const int MaxStageAttempts = 2;

    /// <param name="isDriver">Workers only execute tasks; run-level stages and the finish are the driver's.</param>
    /// <param name="localSlots">How many more attempts this process is willing to run now.</param>
    public static IReadOnlyList<Decision> Decide(
        RunState state,
        SchedulerPolicy policy,
        DateTimeOffset now,
        IReadOnlyDictionary<string, ClaimObservation> claims,
        bool isDriver,
        int localSlots)
    {
        if (state.IsFinished || state.RunId.Length == 0) return [];
        // Ending the run is the driver's; a worker past a limit (with no live driver, say) just starts nothing more.
        if (PastLimit(state, policy, now) is { } limit) return isDriver ? [limit] : [];

        // Run state changed behind otto's back in a way it cannot vouch for: no new work, end the run.
        if (state.IntegrityFailure is { } integrity) return isDriver ? [new FinishRun(RunStatus.Failed, integrity)] : [];

        if (state.Tasks.FirstOrDefault(t => t.LastFailure is { Fatal: true } && t.Phase != TaskPhase.Merged) is { } fatal)
            return isDriver ? [new FinishRun(RunStatus.Failed, fatal.LastFailure)] : [];

        if (state.LastStageFailure is { Fatal: true } fatalStage && state.ActiveStage is null)
            return isDriver ? [new FinishRun(RunStatus.Failed, fatalStage)] : [];

        if (BaselineRules.Ending(state, policy) is { } broken) return isDriver ? [broken] : [];
        var baseline = isDriver ? BaselineRules.Next(state, policy) : null;

        if (state.PlanVersion == 0)
        {
            if (!isDriver) return [];
            var (stage, attempts) = state.Classification is null ? (Stage.Classify, state.ClassifyAttempts) : (Stage.Plan, state.PlanAttempts);
            // A stage's answer is sent back once with its problems; the second failure ends the run.
            if (state.ActiveStage is null && state.LastStageFailure is { } failure && attempts >= MaxStageAttempts)
                return [new FinishRun(RunStatus.Failed, failure)];
            return baseline is null ? [StageDecision(state, stage, attempts)] : [StageDecision(state, stage, attempts), baseline];
        }
        if (state.PlanOnly) return isDriver ? [new PlanReady()] : [];
        if (BaselineRules.HoldsTasks(state, policy)) return baseline is null ? [] : [baseline];

        var decisions = new List<Decision>();
        var (pilot, held) = PilotRules.During(state, policy, now);
        if (pilot.OfType<FinishRun>().FirstOrDefault() is { } gaveUp) return isDriver ? [gaveUp] : [];
        if (isDriver) decisions.AddRange(pilot);
        var failing = state.Tasks.Any(t => t.Phase == TaskPhase.Failed);
        var phases = state.Tasks.ToDictionary(t => t.Id, t => t.Phase);
        foreach (var id in held) phases[id] = TaskPhase.Running; // waits for the pilot's answer: neither ready nor failing
        foreach (var asked in QuestionRules.PastLimit(state, policy))
        {
            decisions.Add(asked);
            phases[asked.TaskId] = TaskPhase.Failed;
        }
        decisions.AddRange(AmendmentRules.Decide(state, policy, phases, failing));

        foreach (var task in state.Tasks.Where(t => t.Phase == TaskPhase.Pending && t.Claim is null && phases[t.Id] == TaskPhase.Pending))
        {
            if (task.DependsOn.FirstOrDefault(d => phases.GetValueOrDefault(d) is TaskPhase.Failed or TaskPhase.Blocked or TaskPhase.Skipped) is { } dead)
            {
                decisions.Add(new BlockTask(task.Id, dead));
                phases[task.Id] = TaskPhase.Blocked;
            }
            else if (task.Attempts > 0 && task.LastFailure is not null && RetryVerdict(task, policy, failing) is { } verdict)
            {
                decisions.Add(verdict);
                phases[task.Id] = TaskPhase.Failed;
            }
        }
        failing |= decisions.OfType<FailTask>().Any();
        if (failing)
        {
            // Not started, or answered by a human and not failed: either way no new attempt will come.
            foreach (var task in state.Tasks.Where(t => t.Phase == TaskPhase.Pending && t.Claim is null && phases[t.Id] == TaskPhase.Pending && (t.Attempts == 0 || t.LastFailure is null)))
            {
                decisions.Add(new SkipTask(task.Id, "another task failed, so the run stopped starting new work"));
                phases[task.Id] = TaskPhase.Skipped;
            }
        }

        foreach (var task in state.Tasks.Where(t => t.Claim is not null))
        {
            if (IsStale(task.Claim!, claims.GetValueOrDefault(task.Id), policy, now) && localSlots >= BestOfRules.Slots(task, policy))
            {
                decisions.Add(new StartAttempt(task.Id, task.Claim!.Attempt, task.Claim.Kind, Takeover: true));
                localSlots -= BestOfRules.Slots(task, policy);
            }
        }

        // An attempt left half-way when the run ended (a stop during verify, say) and the run was reopened:
        // carried on under the same number from the step it reached, not started again.
        foreach (var task in state.Tasks.Where(t => t.Claim is null && t.Phase is TaskPhase.Running or TaskPhase.Verifying && t.Attempts > 0))
        {
            if (localSlots < BestOfRules.Slots(task, policy) || failing) break;
            decisions.Add(new StartAttempt(task.Id, task.Attempts, KindOf(task, task.Attempts), Takeover: true));
            localSlots -= BestOfRules.Slots(task, policy);
        }

        var running = state.Tasks.Count(t => t.Claim is not null);
        // A best-of task holds one slot per variant; the next ready task waits for room rather than be overtaken.
        // A task whose agent is done holds none (SlotRules): its verify and merge overlap the next agent.
        var slots = Math.Min(SlotRules.Free(state, policy), localSlots);
        if (!failing && slots > 0)
        {
            foreach (var task in ReadyInPriorityOrder(state, phases))
            {
                if ((slots -= BestOfRules.Slots(task, policy)) < 0) break;
                decisions.Add(new StartAttempt(task.Id, task.Attempts + 1, KindOf(task, task.Attempts + 1), Takeover: false));
            }
        }
        if (isDriver && decisions.Count == 0 && running == 0) decisions.AddRange(Ending(state, phases, policy));
        return decisions;
    }

    /// <summary>An owner reopened for amendments amends; otherwise the first attempt executes and the others fix.</summary>
    private static AttemptKind KindOf(TaskState task, int attempt) =>
        task.AmendmentRound ? AttemptKind.Amend : attempt == 1 ? AttemptKind.Execute : AttemptKind.Fix;

    /// <summary>Fail the task (breaker, max_attempts, or the run is failing) or null to let it try again.
    /// Attempts that asked for amendments, and those before an amendment round, are not counted.</summary>
    internal static FailTask? RetryVerdict(TaskState task, SchedulerPolicy policy, bool failing)
    {
        var last = task.LastFailure!;
        if (last.Signature is { } signature && task.SignatureCounts.GetValueOrDefault(signature) >= policy.SignatureLimit)
        {
            var limit = new LimitHit("signature_limit", policy.SignatureLimit.ToString(CultureInfo.InvariantCulture));
            return new FailTask(task.Id, last with { Kind = FailureKind.Breaker, Limit = limit }, Breaker: true);
        }
        // A fix round (after a review, say) may make max_attempts attempts of its own; attempts an
        // environment problem cut short are never counted.
        if (task.Attempts - task.AttemptBase - task.UncountedAttempts >= policy.MaxAttempts)
        {
            var limit = last.Limit ?? new LimitHit("max_attempts", policy.MaxAttempts.ToString(CultureInfo.InvariantCulture));
            return new FailTask(task.Id, last with { Limit = limit }, Breaker: false);
        }
        return failing ? new FailTask(task.Id, last, Breaker: false) : null;
    }

    private static bool IsStale(Claim claim, ClaimObservation? seen, SchedulerPolicy policy, DateTimeOffset now)
    {
        if (seen is null) return false;
        if (seen.OwnerProvablyDead) return true;
        var lastSign = seen.LastHeartbeat ?? claim.ClaimedAt;
        return now - lastSign > policy.LeaseTimeout;
    }

    /// <summary>Ready tasks: foundations first, then the longest remaining chain, then plan order.</summary>
    private static IEnumerable<TaskState> ReadyInPriorityOrder(RunState state, IReadOnlyDictionary<string, TaskPhase> phases)
    {
        var ready = state.Tasks.Where(t =>
            t.Phase == TaskPhase.Pending && phases[t.Id] == TaskPhase.Pending && t.Claim is null &&
            t.DependsOn.All(d => phases.GetValueOrDefault(d) == TaskPhase.Merged)).ToList();
        var unmerged = FoundationFirst.Unmerged(state);
        ready.RemoveAll(t => !FoundationFirst.Allows(t, unmerged));
        if (ready.Count == 0) return ready;
        var lengths = new TaskGraph(state.Tasks.Select(t => (t.Id, (IReadOnlyList<string>)t.DependsOn)).ToList()).RemainingPathLengths();
        return ready
            .OrderBy(t => t.Role == TaskRole.Foundation ? 0 : 1)
            .ThenByDescending(t => lengths[t.Id])
            .ThenBy(t => t.Order);
    }

    private static IEnumerable<Decision> Ending(RunState state, IReadOnlyDictionary<string, TaskPhase> phases, SchedulerPolicy policy)
    {
        var waiting = state.Tasks.Where(t => phases[t.Id] == TaskPhase.WaitingForHuman).Select(t => t.Id).ToList();
        if (waiting.Count > 0)
        {
            // Nothing runs and nothing was decided. Unless a task is ready (this process just had no slot for
            // it), what is left waits on the answer, directly or through the tasks it depends on.
            var unmerged = FoundationFirst.Unmerged(state);
            var anyReady = state.Tasks.Any(t => phases[t.Id] == TaskPhase.Pending && t.DependsOn.All(d => phases.GetValueOrDefault(d) == TaskPhase.Merged) && FoundationFirst.Allows(t, unmerged));
            if (!anyReady) yield return new WaitForHuman(waiting);
            yield break;
        }
        if (phases.Values.All(p => p == TaskPhase.Merged))
        {
            foreach (var decision in PostMerge.Decide(state, policy)) yield return decision;
            yield break;
        }
        if (phases.Values.All(p => p is TaskPhase.Merged or TaskPhase.Failed or TaskPhase.Blocked or TaskPhase.Skipped))
        {
            // Replan, ask the pilot, or end with the task's failure.
            foreach (var next in ReplanRules.AfterFailure(state, policy)) yield return next;
        }
    }

    internal static RunStage StageDecision(RunState state, Stage stage, int attempts) =>
        state.ActiveStage is { } active && active.Stage == stage
            ? new RunStage(stage, active.Attempt, Continue: true)
            : new RunStage(stage, attempts + 1, Continue: false);

    /// <summary>The run's end when it is past limits.run_budget or limits.max_cost_usd, else null.</summary>
    public static FinishRun? PastLimit(RunState state, SchedulerPolicy policy, DateTimeOffset now)
    {
        var elapsed = now - state.CreatedAt - state.PausedFor;
        if (state.CreatedAt != default && elapsed > policy.RunBudget)
        {
            var limit = new LimitHit("run_budget", Duration.Format(policy.RunBudget));
            return new FinishRun(RunStatus.Failed, new FailureInfo(FailureKind.Limit,
                $"the run used its whole budget of {Duration.Format(policy.RunBudget)} (limits.run_budget)", null, limit));
        }
        if (state.CostUsd > policy.MaxCostUsd)
        {
            var value = policy.MaxCostUsd.ToString(CultureInfo.InvariantCulture);
            return new FinishRun(RunStatus.Failed, new FailureInfo(FailureKind.Limit,
                $"the run cost ${state.CostUsd.ToString("0.00", CultureInfo.InvariantCulture)}, more than limits.max_cost_usd (${value})", null, new LimitHit("max_cost_usd", value)));
        }
        return null;
    }
}
