using System.Globalization;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Scheduling;

/// <summary>
/// The amendments' part of the decision (docs/ownership.md, "Amendments"), pure like the rest of the
/// scheduler. In one pass over the state it records as made every amendment whose owner merged an attempt
/// that was asked for it; routes each new request to its owner, or refuses it (no owner, the owner waits
/// on the requester, limits.max_amendments spent); ends an owner's round that cannot make its amendments
/// any more; reopens an owner that merged before it was asked; and fails a requester whose amendment was
/// refused, with cause `ownership` naming the path and the owner — or skips it when the run is stopping
/// because another task failed.
/// </summary>
public static class AmendmentRules
{
    public const string Stopping = "the run stopped starting new work because another task failed";

    /// <param name="phases">The phases the rest of Decide goes on with; updated for every task decided here.</param>
    /// <param name="failing">A task failed: no new work starts, so nothing is routed or reopened any more.</param>
    public static IReadOnlyList<Decision> Decide(RunState state, SchedulerPolicy policy, Dictionary<string, TaskPhase> phases, bool failing)
    {
        if (state.Amendments.Count == 0) return [];
        var decisions = new List<Decision>();
        foreach (var made in state.Amendments.Where(a => a.Status == AmendmentStatus.Routed && a.DeliveredIn is not null))
        {
            if (state.Task(made.Owner!) is { Phase: TaskPhase.Merged } owner)
                decisions.Add(new CompleteAmendment(made, owner.IntegrationCommit ?? state.IntegrationHead ?? state.BaseSha));
        }

        var refused = new Dictionary<int, Refused>();
        var routed = Requests(state, policy, failing, refused);
        EndRounds(state, policy, phases, failing, refused);
        // A requester that will not get all it asked for fails (or is skipped): what else it asked for is
        // refused with it, unless its owner is working on it right now (that attempt finishes first).
        var losing = refused.Keys.Select(id => Find(state, id).Requester).ToHashSet(StringComparer.Ordinal);
        foreach (var other in state.Amendments.Where(a => losing.Contains(a.Requester) && a.IsOpen && !refused.ContainsKey(a.Id)))
        {
            if (state.Task(other.Owner ?? "")?.Claim is not null) continue;
            refused[other.Id] = new Refused($"task {other.Requester} will not get every change it asked for", Primary: false);
            routed.Remove(other);
        }

        decisions.AddRange(routed.Select(a => new RouteAmendment(a)));
        var undelivered = state.Amendments.Where(a => a.Status == AmendmentStatus.Routed && a.DeliveredIn is null && !refused.ContainsKey(a.Id)).Concat(routed);
        foreach (var group in undelivered.GroupBy(a => a.Owner!))
        {
            if (phases.GetValueOrDefault(group.Key) != TaskPhase.Merged || failing) continue;
            decisions.Add(new ReopenOwner(group.Key, [.. group.Select(a => a.Id)], state.IntegrationHead ?? state.BaseSha));
            phases[group.Key] = TaskPhase.Pending;
        }
        foreach (var (id, refusal) in refused.OrderBy(r => r.Key)) decisions.Add(new RefuseAmendment(Find(state, id), refusal.Reason, refusal.Limit));
        decisions.AddRange(EndRequesters(state, phases, failing, refused));
        return decisions;
    }

    /// <summary>Each new request routed or refused; a requester's requests go together: one refused, all are.</summary>
    private static List<Amendment> Requests(RunState state, SchedulerPolicy policy, bool failing, Dictionary<int, Refused> refused)
    {
        var routed = new List<Amendment>();
        var accepted = state.Amendments.Count(a => a.Status is AmendmentStatus.Routed or AmendmentStatus.Made);
        foreach (var group in state.Amendments.Where(a => a.Status == AmendmentStatus.Requested).GroupBy(a => a.Requester))
        {
            var requests = group.ToList();
            var stopping = state.Task(group.Key) is not { IsTerminal: false } || failing;
            var verdicts = requests.Select((a, i) => stopping ? new Refused(Stopping) : Refusal(state, a, routed, accepted + i, policy)).ToList();
            var first = verdicts.FindIndex(v => v is not null);
            if (first < 0)
            {
                routed.AddRange(requests);
                accepted += requests.Count;
                continue;
            }
            for (var i = 0; i < requests.Count; i++)
                refused[requests[i].Id] = verdicts[i] ?? new Refused($"it was asked together with amendment {requests[first].Id}, which was refused", Primary: false);
        }
        return routed;
    }

    /// <summary>Why the request cannot go to its owner, or null when it can.</summary>
    private static Refused? Refusal(RunState state, Amendment a, IReadOnlyList<Amendment> routedNow, int accepted, SchedulerPolicy policy)
    {
        if (a.Problem is not null || a.Owner is null) return new Refused(a.Problem ?? $"no task owns {a.Path}");
        if (state.Task(a.Owner) is not { } owner) return new Refused($"task {a.Owner}, named as the owner of {a.Path}, is not a task of this plan");
        if (owner.Phase is TaskPhase.Failed or TaskPhase.Blocked or TaskPhase.Skipped) return new Refused($"task {owner.Id}, which owns {a.Path}, is {owner.Phase.Name()}");
        if (WaitsOn(state, owner.Id, a.Requester, routedNow))
            return new Refused($"task {owner.Id}, which owns {a.Path}, waits on task {a.Requester} (it depends on it, or on a change it asked of it), so it cannot change {a.Path} first");
        if (accepted >= policy.MaxAmendments)
        {
            var value = policy.MaxAmendments.ToString(CultureInfo.InvariantCulture);
            return new Refused($"the run had {value} amendments already, as many as limits.max_amendments allows", new LimitHit("max_amendments", value));
        }
        return null;
    }

    /// <summary>Whether <paramref name="from"/> waits, through dependencies and open amendments, on <paramref name="target"/>.</summary>
    private static bool WaitsOn(RunState state, string from, string target, IReadOnlyList<Amendment> routedNow)
    {
        var open = state.Amendments.Where(a => a.Status == AmendmentStatus.Routed).Concat(routedNow).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var id))
        {
            if (id == target) return true;
            if (!seen.Add(id) || state.Task(id) is not { } task) continue;
            foreach (var next in task.DependsOn) stack.Push(next);
            foreach (var asked in open.Where(a => a.Requester == id && a.Owner is not null)) stack.Push(asked.Owner!);
        }
        return false;
    }

    /// <summary>Rounds that cannot go on: an owner ended (failed, blocked, skipped), an owner's round spent its
    /// attempts (the same rule as any task's: max_attempts, the breaker), or the run is stopping. A reopened
    /// owner goes back to merged when the refusals leave it nothing to do.</summary>
    private static void EndRounds(RunState state, SchedulerPolicy policy, Dictionary<string, TaskPhase> phases, bool failing, Dictionary<int, Refused> refused)
    {
        foreach (var routed in state.Amendments.Where(a => a.Status == AmendmentStatus.Routed))
        {
            if (state.Task(routed.Owner!) is { Phase: TaskPhase.Failed or TaskPhase.Blocked or TaskPhase.Skipped } ended)
                refused[routed.Id] = new Refused($"task {ended.Id}, which owns {routed.Path}, is {ended.Phase.Name()}");
        }
        foreach (var owner in state.Tasks.Where(t => t.AmendmentRound && t.Phase == TaskPhase.Pending && t.Claim is null))
        {
            string reason;
            if (failing) reason = Stopping;
            else if (owner.LastFailure is not null && Scheduler.RetryVerdict(owner, policy, failing: false) is { } verdict)
                reason = $"task {owner.Id} could not make the change: {verdict.Cause.Reason}";
            else continue;
            foreach (var routed in state.Amendments.Where(a => a.Owner == owner.Id && a.Status == AmendmentStatus.Routed)) refused[routed.Id] = new Refused(reason);
            phases[owner.Id] = TaskPhase.Merged;
        }
    }

    /// <summary>Each waiting requester with a refused amendment: failed with cause ownership, or skipped when
    /// the run is stopping anyway.</summary>
    private static IEnumerable<Decision> EndRequesters(RunState state, Dictionary<string, TaskPhase> phases, bool failing, Dictionary<int, Refused> refused)
    {
        foreach (var group in refused.OrderBy(r => r.Key).GroupBy(r => Find(state, r.Key).Requester))
        {
            if (phases.GetValueOrDefault(group.Key) != TaskPhase.WaitingForAmendment) continue;
            var (id, refusal) = group.FirstOrDefault(r => r.Value.Primary) is { Value: not null } primary ? primary : group.First();
            if (failing || refusal.Reason == Stopping)
            {
                phases[group.Key] = TaskPhase.Skipped;
                yield return new SkipTask(group.Key, Stopping);
                continue;
            }
            var a = Find(state, id);
            var owner = a.Owner is null ? "owned by no task" : $"owned by task {a.Owner}";
            var text = $"task {a.Requester} needs a change in {a.Path} ({owner}) and its amendment was refused: {refusal.Reason}";
            phases[group.Key] = TaskPhase.Failed;
            yield return new FailTask(group.Key, new FailureInfo(FailureKind.Ownership, text, FailureSignature.Of($"amendment refused {a.Path}"), refusal.Limit), Breaker: false);
        }
    }

    private static Amendment Find(RunState state, int id) => state.Amendments.First(a => a.Id == id);

    /// <summary>Why an amendment is refused; a secondary refusal only follows another (the one a failure names).</summary>
    private sealed record Refused(string Reason, LimitHit? Limit = null, bool Primary = true);
}
