using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>Which ready tasks start, how many, and in what order.</summary>
public sealed class SchedulerDispatchTests
{
    [Fact]
    public void Only_tasks_whose_dependencies_are_all_merged_are_ready()
    {
        var state = Run(Task("core"), Task("api", "core"), Task("ui", "core", "api"), Task("docs"));

        Assert.Equal(["core", "docs"], Decide(state).Started());
        Assert.Equal(["api"], Decide(Run(Task("core").Merged(), Task("api", "core"), Task("ui", "core", "api"))).Started());
    }

    [Fact]
    public void A_first_attempt_is_an_execute_numbered_1()
    {
        var start = Assert.Single(Decide(Run(Task("api"))).OfType<StartAttempt>());

        Assert.Equal(new StartAttempt("api", 1, AttemptKind.Execute, Takeover: false), start);
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(2, 0, 2)]
    [InlineData(4, 0, 4)]
    [InlineData(4, 3, 1)]
    [InlineData(2, 2, 0)]
    [InlineData(2, 3, 0)]
    public void No_more_attempts_run_at_once_than_concurrency_allows(int concurrency, int alreadyRunning, int expectedStarts)
    {
        var running = Enumerable.Range(0, alreadyRunning).Select(i => Task($"busy{i}").ClaimedBy($"t{i}"));
        var ready = Enumerable.Range(0, 6).Select(i => Task($"ready{i}"));
        var state = Run([.. running, .. ready]);

        Assert.Equal(expectedStarts, Decide(state, Policy(concurrency: concurrency)).Started().Count);
    }

    [Theory]
    [InlineData(AttemptStep.Claimed, 0)]
    [InlineData(AttemptStep.Started, 0)]
    [InlineData(AttemptStep.Finished, 2)]
    [InlineData(AttemptStep.Committed, 2)]
    [InlineData(AttemptStep.Verified, 2)]
    public void A_task_whose_agent_is_done_holds_no_agent_slot_while_it_verifies_and_merges(AttemptStep step, int expectedStarts)
    {
        var state = Run(Task("a").ClaimedBy("t1") with { Step = step }, Task("b").ClaimedBy("t2") with { Step = step }, Task("c"), Task("d"), Task("e"));

        Assert.Equal(expectedStarts, Decide(state, Policy(concurrency: 2)).Started().Count);
    }

    [Theory]
    [InlineData(2, 3, 1)] // three past their agents: one more in flight fits under 2 x 2
    [InlineData(2, 4, 0)] // four in flight at concurrency 2: nothing more starts, agent slots or not
    [InlineData(1, 1, 1)]
    [InlineData(1, 2, 0)]
    public void Tasks_in_flight_stay_under_twice_the_concurrency(int concurrency, int pastTheirAgent, int expectedStarts)
    {
        var verifying = Enumerable.Range(0, pastTheirAgent).Select(i => Task($"busy{i}").ClaimedBy($"t{i}") with { Step = AttemptStep.Committed, Phase = TaskPhase.Verifying });
        var ready = Enumerable.Range(0, 6).Select(i => Task($"ready{i}"));

        Assert.Equal(expectedStarts, Decide(Run([.. verifying, .. ready]), Policy(concurrency: concurrency)).Started().Count);
    }

    [Theory]
    [InlineData(2, 6, 0, 4)] // six side by side at concurrency 2: twice the concurrency
    [InlineData(4, 3, 0, 3)] // no more than the plan's widest layer
    [InlineData(4, 6, 4, 2)] // merged tasks need none
    public void Worktrees_at_once_are_the_widest_unfinished_layer_up_to_twice_the_concurrency(int concurrency, int sideBySide, int merged, int expected)
    {
        var tasks = Enumerable.Range(0, sideBySide).Select(i => i < merged ? Task($"t{i}").Merged() : Task($"t{i}"));

        Assert.Equal(expected, SlotRules.WorktreesAtOnce(Run([.. tasks]), concurrency));
    }

    [Fact]
    public void A_chain_needs_one_worktree_at_a_time()
    {
        Assert.Equal(1, SlotRules.WorktreesAtOnce(Run(Task("a"), Task("b", "a"), Task("c", "b")), concurrency: 4));
    }

    [Fact]
    public void A_best_of_task_holds_its_slots_until_its_round_has_chosen()
    {
        var policy = Policy(concurrency: 4) with { BestOf = 2 };
        var racing = Task("a").ClaimedBy("t1") with { Step = AttemptStep.Claimed };
        var chosen = racing with { Step = AttemptStep.Verified, Phase = TaskPhase.Verifying };
        var ready = Enumerable.Range(0, 6).Select(i => Task($"ready{i}"));

        Assert.Single(Decide(Run([racing, .. ready]), policy).Started());   // 4 - 2 agents: one more best-of-2
        Assert.Equal(2, Decide(Run([chosen, .. ready]), policy).Started().Count); // no agents, 2 of 8 in flight
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    public void A_process_starts_no_more_than_its_own_free_slots(int localSlots, int expectedStarts)
    {
        var state = Run(Task("a"), Task("b"), Task("c"), Task("d"), Task("e"));

        Assert.Equal(expectedStarts, Decide(state, Policy(concurrency: 10), localSlots: localSlots).Started().Count);
    }

    [Fact]
    public void Foundations_start_first()
    {
        var state = Run(Task("api"), Task("ui"), Task("core"));

        Assert.Equal(["core"], Decide(state, Policy(concurrency: 1)).Started());
        Assert.Equal("core", Decide(state, Policy(concurrency: 3)).Started()[0]);
    }

    [Fact]
    public void Among_features_the_longest_remaining_chain_starts_first()
    {
        // short: nothing depends on it. long: mid and end wait for it (3 tasks on its path).
        var state = Run(Task("short"), Task("long"), Task("mid", "long"), Task("end", "mid"), Task("pair"), Task("pair2", "pair"));

        Assert.Equal(["long", "pair", "short"], Decide(state, Policy(concurrency: 3)).Started());
    }

    [Fact]
    public void Equal_tasks_start_in_plan_order()
    {
        var state = Run(Task("c"), Task("a"), Task("b"));

        Assert.Equal(["c", "a", "b"], Decide(state).Started());
    }

    [Fact]
    public void Claimed_running_or_finished_tasks_are_never_started_again()
    {
        var state = Run(Task("running").ClaimedBy("t1"), Task("merged").Merged(), Task("failed").FailedTask(),
            Task("waiting") with { Phase = TaskPhase.WaitingForHuman, Attempts = 1 });

        Assert.Empty(Decide(state).Started());
    }

    [Fact]
    public void Workers_start_tasks_too()
    {
        Assert.Equal(["api"], Decide(Run(Task("api")), isDriver: false).Started());
    }

    [Fact]
    public void A_finished_run_decides_nothing()
    {
        var state = Run(Task("api")) with { Outcome = new RunOutcome(RunStatus.Canceled, null), Status = RunStatus.Canceled };

        Assert.Empty(Decide(state));
    }

    [Fact]
    public void A_state_that_was_never_started_decides_nothing()
    {
        Assert.Empty(Decide(Run(Task("api")) with { RunId = "" }));
    }

    [Theory]
    [InlineData(4, 2, 0, 2)] // two best-of-2 tasks fill four slots
    [InlineData(4, 2, 1, 1)] // one running best-of-2 task leaves room for one more
    [InlineData(3, 2, 1, 0)] // one slot left: a best-of-2 task waits for two
    [InlineData(4, 1, 2, 2)]
    public void A_best_of_task_holds_one_slot_per_variant(int concurrency, int bestOf, int alreadyRunning, int expectedStarts)
    {
        var running = Enumerable.Range(0, alreadyRunning).Select(i => Task($"busy{i}").ClaimedBy($"t{i}"));
        var ready = Enumerable.Range(0, 6).Select(i => Task($"ready{i}"));
        var policy = Policy(concurrency: concurrency) with { BestOf = bestOf };

        Assert.Equal(expectedStarts, Decide(Run([.. running, .. ready]), policy).Started().Count);
    }

    [Fact]
    public void A_stale_best_of_claim_is_taken_over_only_with_room_for_all_its_variants()
    {
        var state = Run(Task("api").ClaimedBy("dead"));
        var claims = new Dictionary<string, ClaimObservation> { ["api"] = new(OwnerProvablyDead: true, null) };
        var policy = Policy() with { BestOf = 3 };

        Assert.Empty(Decide(state, policy, claims: claims, localSlots: 2).Started());
        Assert.Equal(["api"], Decide(state, policy, claims: claims, localSlots: 3).Started());
    }
}
