using Otto.Runs;
using Otto.Scheduling;
using Otto.Tests.Support;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>After a failed attempt: a fix attempt, the breaker, max_attempts, and what the failure does to other tasks.</summary>
public sealed class SchedulerRetryTests
{
    private static FailureInfo Verify(string reason, string? signature = null) =>
        new(FailureKind.Verification, reason, signature ?? Otto.Verification.FailureSignature.Of(reason));

    [Fact]
    public void A_failed_attempt_is_followed_by_a_fix_attempt_with_the_next_number()
    {
        var state = Run(Task("api").FailedAttempt(1, Verify("test_login failed")));

        var start = Assert.Single(Decide(state).OfType<StartAttempt>());

        Assert.Equal(new StartAttempt("api", 2, AttemptKind.Fix, Takeover: false), start);
    }

    [Fact]
    public void Three_differently_worded_copies_of_one_failure_trip_the_breaker()
    {
        string[] wordings =
        [
            "FAIL tests/test_api.py::test_login at /tmp/otto-wt-3f9a2b1c/src/api.py:42:7 after 1.23s (2025-05-01T10:00:00Z)",
            "FAIL tests/test_api.py::test_login at /home/ci/work/src/api.py:17:1 after 850ms (2025-11-30 23:59:01)",
            "fail tests/test_api.py::test_login at /var/build/x/src/api.py:99 after 12 seconds (2024-01-02T03:04:05.678+02:00)",
        ];
        var stream = new EventStream().Started().Plan("api");
        for (var i = 0; i < wordings.Length; i++) stream.FailsWith("api", i + 1, wordings[i]);

        var fail = Assert.Single(Decide(stream.Fold(), Policy(maxAttempts: 10, signatureLimit: 3)).OfType<FailTask>());

        Assert.True(fail.Breaker);
        Assert.Equal("api", fail.TaskId);
        Assert.Equal(FailureKind.Breaker, fail.Cause.Kind);
        Assert.Equal(new LimitHit("signature_limit", "3"), fail.Cause.Limit);
        Assert.Equal(wordings[2], fail.Cause.Reason); // the causal text, verbatim
        Assert.Equal(Otto.Verification.FailureSignature.Of(wordings[0]), fail.Cause.Signature);
    }

    [Fact]
    public void Three_genuinely_different_failures_do_not_trip_the_breaker()
    {
        var stream = new EventStream().Started().Plan("api")
            .FailsWith("api", 1, "FAIL test_login: expected 200")
            .FailsWith("api", 2, "FAIL test_logout: session not cleared")
            .FailsWith("api", 3, "ModuleNotFoundError: No module named 'jwt'");

        var decisions = Decide(stream.Fold(), Policy(maxAttempts: 10, signatureLimit: 3));

        Assert.Empty(decisions.OfType<FailTask>());
        Assert.Equal(new StartAttempt("api", 4, AttemptKind.Fix, false), Assert.Single(decisions.OfType<StartAttempt>()));
    }

    [Fact]
    public void The_breaker_trips_at_the_configured_signature_limit_not_before()
    {
        var once = Task("api").FailedAttempt(1, Verify("same"));
        var twice = once.FailedAttempt(2, Verify("same"));

        Assert.Empty(Decide(Run(once), Policy(maxAttempts: 10, signatureLimit: 2)).OfType<FailTask>());
        Assert.True(Assert.Single(Decide(Run(twice), Policy(maxAttempts: 10, signatureLimit: 2)).OfType<FailTask>()).Breaker);
    }

    [Fact]
    public void Max_attempts_fails_the_task_and_names_the_limit()
    {
        var api = Task("api").FailedAttempt(1, Verify("a")).FailedAttempt(2, Verify("b")).FailedAttempt(3, Verify("c"));

        var fail = Assert.Single(Decide(Run(api), Policy(maxAttempts: 3)).OfType<FailTask>());

        Assert.False(fail.Breaker);
        Assert.Equal(new LimitHit("max_attempts", "3"), fail.Cause.Limit);
        Assert.Equal("c", fail.Cause.Reason);
        Assert.Equal(FailureKind.Verification, fail.Cause.Kind);
        Assert.Empty(Decide(Run(api), Policy(maxAttempts: 3)).Started());
    }

    [Fact]
    public void Below_max_attempts_the_task_is_tried_again()
    {
        var api = Task("api").FailedAttempt(1, Verify("a")).FailedAttempt(2, Verify("b"));

        Assert.Equal(["api"], Decide(Run(api), Policy(maxAttempts: 3)).Started());
    }

    [Fact]
    public void When_the_last_attempt_was_stopped_by_a_limit_that_limit_is_named()
    {
        var stalled = new FailureInfo(FailureKind.Limit, "no output for 5m", "sig-stall", new LimitHit("stall_timeout", "5m"));
        var api = Task("api").FailedAttempt(1, stalled);

        var fail = Assert.Single(Decide(Run(api), Policy(maxAttempts: 1)).OfType<FailTask>());

        Assert.Equal(new LimitHit("stall_timeout", "5m"), fail.Cause.Limit);
    }

    [Fact]
    public void Dependents_of_a_failed_task_are_blocked_naming_it()
    {
        var state = Run(Task("core").FailedTask(), Task("api", "core"), Task("docs"));

        var decisions = Decide(state);

        Assert.Contains(new BlockTask("api", "core"), decisions);
        Assert.Contains(new SkipTask("docs", "another task failed, so the run stopped starting new work"), decisions);
        Assert.Empty(decisions.Started());
    }

    [Theory]
    [InlineData(TaskPhase.Blocked)]
    [InlineData(TaskPhase.Skipped)]
    public void Dependents_of_a_blocked_or_skipped_task_are_blocked(TaskPhase phase)
    {
        var state = Run(Task("core") with { Phase = phase }, Task("api", "core"));

        Assert.Equal([new BlockTask("api", "core")], Decide(state));
    }

    [Fact]
    public void Once_a_task_failed_no_new_work_starts_and_retried_tasks_fail_with_their_own_reason()
    {
        var state = Run(Task("broken").FailedTask("the root cause"), Task("api").FailedAttempt(1, Verify("a flaky test")), Task("fresh"));

        var decisions = Decide(state);

        var fail = Assert.Single(decisions.OfType<FailTask>());
        Assert.Equal("api", fail.TaskId);
        Assert.Equal("a flaky test", fail.Cause.Reason);
        Assert.Equal([new SkipTask("fresh", "another task failed, so the run stopped starting new work")], decisions.OfType<SkipTask>());
        Assert.Empty(decisions.Started());
    }

    [Fact]
    public void A_task_claimed_while_others_fail_is_left_to_finish()
    {
        var state = Run(Task("broken").FailedTask(), Task("busy").ClaimedBy("t1"));

        Assert.Empty(Decide(state, claims: new Dictionary<string, ClaimObservation> { ["busy"] = new(false, T0) }));
    }

    [Fact]
    public void A_task_answered_by_a_human_while_the_run_is_failing_is_skipped_not_left_pending()
    {
        var answered = Task("api") with { Attempts = 1, Answer = "use sqlite" }; // pending again, never failed
        var state = Run(Task("broken").FailedTask(), answered);

        var decisions = Decide(state);

        Assert.Equal("api", Assert.Single(decisions.OfType<SkipTask>()).TaskId);
    }
}
