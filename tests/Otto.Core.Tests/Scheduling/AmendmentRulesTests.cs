using Otto.Planning;
using Otto.Runs;
using Otto.Scheduling;
using Otto.Tests.Support;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>
/// The amendment rules through the real fold: events as the engine writes them, decisions recorded as
/// the driver records them (<see cref="DecisionEvents"/>), and what the scheduler decides next.
/// </summary>
public sealed class AmendmentRulesTests
{
    private static readonly SchedulerPolicy Limits = Policy(maxAttempts: 2) with { MaxAmendments = 2 };

    /// <summary>core (foundation, contract src/core/api.sh), api and web on top of it.</summary>
    private static EventStream Planned()
    {
        PlanTask Task(string id, TaskRole role, params string[] deps) => new(id, id, "", role, deps, [$"src/{id}/**"], []);
        var plan = new PlanDocument("a plan",
            [Task("core", TaskRole.Foundation), Task("api", TaskRole.Feature, "core"), Task("web", TaskRole.Feature, "core")],
            [], [new PlanContract("src/core/api.sh", "core")]);
        return new EventStream().Started().Add(PlanEventData.For(EventStream.RunId, plan, 1, "{}"));
    }

    private static EventStream Asks(EventStream stream, string task, int attempt, params RequestedAmendment[] asked) =>
        stream.Claim(task, attempt, $"{task}-{attempt}").AgentStarted(task, attempt).AgentFinished(task, attempt)
            .Committed(task, attempt, $"{task}-c{attempt}").Add(new AmendmentRequested(asked), task, attempt);

    private static RequestedAmendment Core(int id, string change = "add sub") => new(id, "src/core/api.sh", change, "needed", "core");

    /// <summary>Decides, and records the decision's events (not its claims: the test plays those).</summary>
    private static IReadOnlyList<Decision> Step(EventStream stream, SchedulerPolicy? policy = null)
    {
        var state = stream.Fold();
        var decisions = Decide(state, policy ?? Limits);
        var (events, _) = DecisionEvents.For(state, decisions.Where(d => d is not StartAttempt).ToList(), () => EventStream.Owner("driver"));
        foreach (var e in events) stream.Add(e.Body, e.Task, e.Attempt);
        return decisions;
    }

    [Fact]
    public void A_merged_owner_is_reopened_to_amend_and_the_requester_gets_a_new_attempt_on_top_of_the_change()
    {
        var stream = Asks(Planned().Succeeds("core"), "api", 1, Core(1));
        Assert.Equal(TaskPhase.WaitingForAmendment, stream.Fold().Task("api")!.Phase);

        var decisions = Step(stream);

        Assert.Contains(decisions, d => d is RouteAmendment { Amendment.Id: 1 });
        Assert.Contains(new ReopenOwner("core", [1], "int-core"), decisions.OfType<ReopenOwner>(), ReopenComparer.Instance);
        var start = Assert.Single(Decide(stream.Fold(), Limits).OfType<StartAttempt>(), s => s.TaskId == "core");
        Assert.Equal(new StartAttempt("core", 2, AttemptKind.Amend, Takeover: false), start);
        Assert.Equal(0, stream.Fold().Task("core")!.CountedAttempts); // the round has limits.max_attempts of its own

        stream.Succeeds("core", 2);
        Assert.Equal(2, stream.Fold().Amendments.Single().DeliveredIn);
        var made = Assert.Single(Step(stream).OfType<CompleteAmendment>());

        Assert.Equal("int-core", made.Commit);
        var api = stream.Fold().Task("api")!;
        Assert.Equal((TaskPhase.Pending, "int-core", 1), (api.Phase, api.StartOnTopOf, api.UncountedAttempts));
        Assert.Equal(new StartAttempt("api", 2, AttemptKind.Fix, false), Assert.Single(Decide(stream.Fold(), Limits).OfType<StartAttempt>(), s => s.TaskId == "api"));
    }

    [Fact]
    public void An_open_owner_is_asked_in_its_next_attempt_and_is_not_reopened()
    {
        var stream = Planned().Succeeds("core").Claim("api", 1, "api-1").AgentStarted("api", 1);
        Asks(stream, "web", 1, new RequestedAmendment(1, "src/api/x.sh", "export x", null, "api"));

        var decisions = Step(stream);

        Assert.Single(decisions.OfType<RouteAmendment>());
        Assert.Empty(decisions.OfType<ReopenOwner>());
        // api's running attempt was not asked; it fails, and its next attempt carries the request.
        stream.AgentFinished("api", 1).Committed("api", 1, "api-c1").Verified("api", 1, passed: false).Failed("api", 1, "red");
        stream.Claim("api", 2, "api-2", AttemptKind.Fix);
        Assert.Equal(2, stream.Fold().Amendments.Single().DeliveredIn);
        stream.AgentStarted("api", 2).AgentFinished("api", 2).Committed("api", 2, "api-c2").Verified("api", 2).Merged("api", 2, "api-c2", "int-api");

        Assert.Single(Step(stream).OfType<CompleteAmendment>());
        Assert.Equal(TaskPhase.Pending, stream.Fold().Task("web")!.Phase);
    }

    [Fact]
    public void An_amendment_past_max_amendments_is_refused_and_fails_the_requester_with_cause_ownership()
    {
        var stream = Asks(Planned().Succeeds("core"), "api", 1, Core(1), Core(2, "add mul"), Core(3, "add neg"));

        var decisions = Step(stream);

        var fail = Assert.Single(decisions.OfType<FailTask>());
        Assert.Equal("api", fail.TaskId);
        Assert.Equal(FailureKind.Ownership, fail.Cause.Kind);
        Assert.Equal(new LimitHit("max_amendments", "2"), fail.Cause.Limit);
        Assert.Contains("src/core/api.sh (owned by task core)", fail.Cause.Reason, StringComparison.Ordinal);
        // A requester's requests go together: none is routed, so core is not reopened for nothing.
        Assert.Equal([1, 2, 3], decisions.OfType<RefuseAmendment>().Select(r => r.Amendment.Id));
        Assert.Empty(decisions.OfType<RouteAmendment>());
        Assert.Empty(decisions.OfType<ReopenOwner>());
        Assert.Equal(TaskPhase.Failed, stream.Fold().Task("api")!.Phase);
    }

    [Fact]
    public void A_path_no_task_owns_is_refused_naming_it()
    {
        var stream = Asks(Planned().Succeeds("core"), "api", 1, new RequestedAmendment(1, "README.md", "mention api", null, null, "no task owns README.md, so no task can make the change"));

        var fail = Assert.Single(Step(stream).OfType<FailTask>());

        Assert.Equal(FailureKind.Ownership, fail.Cause.Kind);
        Assert.Contains("README.md (owned by no task)", fail.Cause.Reason, StringComparison.Ordinal);
        Assert.Null(fail.Cause.Limit);
    }

    [Fact]
    public void An_owner_that_waits_on_the_requester_cannot_make_the_change_first()
    {
        var stream = new EventStream().Started().Plan("core", "api:core", "web:api").Succeeds("core");
        Asks(stream.Succeeds("api"), "web", 1, new RequestedAmendment(1, "src/api/x.sh", "x", null, "api"));
        var ok = Step(stream);
        Assert.Single(ok.OfType<ReopenOwner>()); // web depends on api: api can go first

        var cycle = new EventStream().Started().Plan("core", "api:core", "web:core,api");
        Asks(cycle.Succeeds("core"), "api", 1, new RequestedAmendment(1, "src/web/x.sh", "x", null, "web"));
        var fail = Assert.Single(Step(cycle).OfType<FailTask>());

        Assert.Contains("waits on task api", fail.Cause.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reopened_owner_that_spends_its_attempts_ends_its_round_merged_and_the_requester_fails()
    {
        var stream = Asks(Planned().Succeeds("core"), "api", 1, Core(1));
        Step(stream);
        stream.FailsWith("core", 2, "sub is wrong").FailsWith("core", 3, "sub is still wrong");

        var decisions = Step(stream);

        Assert.Contains("could not make the change: sub is still wrong", Assert.Single(decisions.OfType<RefuseAmendment>()).Reason, StringComparison.Ordinal);
        Assert.Equal("api", Assert.Single(decisions.OfType<FailTask>()).TaskId);
        var core = stream.Fold().Task("core")!;
        Assert.Equal((TaskPhase.Merged, false), (core.Phase, core.AmendmentRound));
    }

    [Fact]
    public void When_another_task_failed_a_waiting_requester_is_skipped_not_failed()
    {
        var stream = Planned().Succeeds("core").FailsWith("web", 1, "red").FailsWith("web", 2, "red again");
        Asks(stream, "api", 1, Core(1));
        Step(stream); // web fails: max_attempts

        var decisions = Step(stream);

        Assert.Contains(new SkipTask("api", AmendmentRules.Stopping), decisions);
        Assert.Empty(decisions.OfType<ReopenOwner>());
    }

    [Fact]
    public void A_feature_does_not_start_before_the_foundation_holding_a_contract_merged()
    {
        var plan = new PlanDocument("a plan",
            [new PlanTask("core", "core", "", TaskRole.Foundation, [], ["src/core/**"], []), new PlanTask("ui", "ui", "", TaskRole.Feature, [], ["src/ui/**"], [])],
            [], [new PlanContract("src/core/api.sh", "core")]);
        var stream = new EventStream().Started().Add(PlanEventData.For(EventStream.RunId, plan, 1, "{}"));

        Assert.Equal(["core"], Decide(stream.Fold()).Started()); // no depends_on, and still after core
        Assert.Equal(["ui"], Decide(stream.Succeeds("core").Fold()).Started());
    }

    private sealed class ReopenComparer : IEqualityComparer<ReopenOwner>
    {
        public static readonly ReopenComparer Instance = new();

        public bool Equals(ReopenOwner? x, ReopenOwner? y) =>
            x is not null && y is not null && x.Owner == y.Owner && x.IntegrationSha == y.IntegrationSha && x.Amendments.SequenceEqual(y.Amendments);

        public int GetHashCode(ReopenOwner obj) => obj.Owner.GetHashCode(StringComparison.Ordinal);
    }
}
