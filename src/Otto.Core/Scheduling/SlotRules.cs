using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// What `concurrency` counts, pure: agents at work, not tasks in flight. A task holds its slots (one per
/// variant) from its claim until its agent is done (attempt_finished, or a best-of round's choice); then it
/// commits, verifies and integrates without holding an agent's place, so the next task's agent starts while
/// it does. An agent slot is what a user pays for and what a provider rate-limits; one kept idle through a
/// test suite is throughput lost (on the benchmark graph, ~35 ms of every task's ~65 ms of overhead).
/// Tasks in flight are still bounded, at twice `concurrency`, and each process runs at most `concurrency`
/// verifications at once (the job host's verify slots), so a slow test suite cannot pile up runs of itself.
/// </summary>
public static class SlotRules
{
    /// <summary>Tasks claimed at once, past their agent or not (one per variant for best-of).</summary>
    public static int InFlightLimit(int concurrency) => 2 * concurrency;

    /// <summary>The agent slots a claimed task holds now: all of its slots until its agent is done, then none.</summary>
    public static int AgentSlots(TaskState task, SchedulerPolicy policy) =>
        task.Step >= AttemptStep.Finished ? 0 : BestOfRules.Slots(task, policy);

    /// <summary>Slots free for new attempts in the whole run: agents under `concurrency`, tasks under the in-flight limit.</summary>
    public static int Free(RunState state, SchedulerPolicy policy)
    {
        var claimed = state.Tasks.Where(t => t.Claim is not null).ToList();
        return Free(policy.Concurrency, claimed.Sum(t => AgentSlots(t, policy)), claimed.Sum(t => BestOfRules.Slots(t, policy)));
    }

    /// <summary>How many worktrees the plan's unfinished tasks may have in use at once: as many as stand side by
    /// side in its widest layer (a chain needs one), never more than the in-flight limit.</summary>
    public static int WorktreesAtOnce(RunState state, int concurrency)
    {
        var graph = new Planning.TaskGraph(state.Tasks.Select(t => (t.Id, (IReadOnlyList<string>)t.DependsOn)).ToList());
        return Math.Min(graph.WidestLayer(state.Tasks.Where(t => !t.IsTerminal).Select(t => t.Id)), InFlightLimit(concurrency));
    }

    /// <summary>Slots free given the agents running and the slots held in all, against a limit of <paramref name="concurrency"/> agents.</summary>
    public static int Free(int concurrency, int agents, int held) =>
        Math.Max(0, Math.Min(concurrency - agents, InFlightLimit(concurrency) - held));
}
