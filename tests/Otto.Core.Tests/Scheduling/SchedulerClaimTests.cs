using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>reliability.md #12: a stale claim is taken over, a live one never.</summary>
public sealed class SchedulerClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static IReadOnlyList<Decision> DecideAt(RunState state, DateTimeOffset now, ClaimObservation? seen, int localSlots = 8) =>
        Decide(state, Policy(leaseTimeout: Lease, runBudget: TimeSpan.FromDays(7)), now, seen is null ? [] : new Dictionary<string, ClaimObservation> { ["api"] = seen }, localSlots: localSlots);

    [Fact]
    public void A_claim_whose_owner_is_provably_dead_is_taken_over_at_once_keeping_its_attempt_and_kind()
    {
        var state = Run(Task("api").ClaimedBy("dead", attempt: 2, kind: AttemptKind.Fix));

        var decisions = DecideAt(state, T0.AddSeconds(1), new ClaimObservation(OwnerProvablyDead: true, LastHeartbeat: T0.AddSeconds(1)));

        Assert.Equal([new StartAttempt("api", 2, AttemptKind.Fix, Takeover: true)], decisions);
    }

    [Fact]
    public void A_claim_whose_heartbeat_is_older_than_the_lease_is_taken_over()
    {
        var state = Run(Task("api").ClaimedBy("silent"));
        var lastBeat = T0.AddMinutes(10);

        var decisions = DecideAt(state, lastBeat + Lease + TimeSpan.FromSeconds(1), new ClaimObservation(false, lastBeat));

        Assert.Equal([new StartAttempt("api", 1, AttemptKind.Execute, Takeover: true)], decisions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(119)]
    [InlineData(120)]
    public void A_live_owner_with_a_fresh_heartbeat_is_never_taken_over(int secondsSinceBeat)
    {
        var state = Run(Task("api").ClaimedBy("alive"));
        var lastBeat = T0.AddHours(3); // a long-running attempt that keeps beating

        var decisions = DecideAt(state, lastBeat.AddSeconds(secondsSinceBeat), new ClaimObservation(false, lastBeat));

        Assert.Empty(decisions);
    }

    [Fact]
    public void Before_its_first_heartbeat_a_claim_is_as_fresh_as_its_claim_time()
    {
        var state = Run(Task("api").ClaimedBy("new", at: T0));

        Assert.Empty(DecideAt(state, T0 + Lease, new ClaimObservation(false, null)));
        Assert.Single(DecideAt(state, T0 + Lease + TimeSpan.FromSeconds(1), new ClaimObservation(false, null)).OfType<StartAttempt>());
    }

    [Fact]
    public void A_claim_nobody_observed_is_left_alone()
    {
        // This process's own live jobs are not observed: their claims are never stale to it.
        var state = Run(Task("api").ClaimedBy("mine", at: T0));

        Assert.Empty(DecideAt(state, T0.AddDays(1), seen: null));
    }

    [Fact]
    public void A_process_without_a_free_slot_takes_nothing_over()
    {
        var state = Run(Task("api").ClaimedBy("dead"));

        Assert.Empty(DecideAt(state, T0.AddMinutes(1), new ClaimObservation(true, null), localSlots: 0));
    }

    [Fact]
    public void A_takeover_uses_a_local_slot_but_the_task_already_counts_toward_concurrency()
    {
        var state = Run(Task("api").ClaimedBy("dead"), Task("other").ClaimedBy("alive"), Task("ready"));
        var seen = new Dictionary<string, ClaimObservation> { ["api"] = new(true, null), ["other"] = new(false, T0) };

        var atCapacity = Decide(state, Policy(concurrency: 2), T0.AddMinutes(1), seen, localSlots: 8);
        var oneSlot = Decide(state, Policy(concurrency: 3), T0.AddMinutes(1), seen, localSlots: 1);
        var twoSlots = Decide(state, Policy(concurrency: 3), T0.AddMinutes(1), seen, localSlots: 2);

        Assert.Equal(["api"], atCapacity.Started());
        Assert.Equal(["api"], oneSlot.Started());
        Assert.Equal(["api", "ready"], twoSlots.Started());
    }

    [Fact]
    public void A_running_task_keeps_the_run_from_ending()
    {
        var state = Run(Task("done").Merged(), Task("api").ClaimedBy("alive"));

        Assert.Empty(DecideAt(state, T0.AddSeconds(10), new ClaimObservation(false, T0.AddSeconds(5))));
    }
}
