using System.Text.Json.Nodes;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

/// <summary>Counts in the folded state are derived from the events, so they are true by construction.</summary>
public sealed class StateFoldAttemptTests
{
    private static EventStream Planned(params string[] tasks) => new EventStream().Started().Plan(tasks);

    [Fact]
    public void Attempts_is_the_highest_attempt_claimed()
    {
        var state = Planned("api")
            .FailsWith("api", 1, "test_a failed")
            .FailsWith("api", 2, "test_b failed")
            .Claim("api", 3, "api-3")
            .Fold();

        var api = state.Task("api")!;
        Assert.Equal(3, api.Attempts);
        Assert.Equal(3, api.Claim!.Attempt);
        Assert.Equal(TaskPhase.Running, api.Phase);
        Assert.Equal(AttemptStep.Claimed, api.Step);
    }

    [Fact]
    public void A_claim_names_its_owner_kind_and_time()
    {
        var stream = Planned("api");
        stream.Now = EventStream.Start.AddMinutes(3);
        var claim = stream.Claim("api", 1, "tok-1", AttemptKind.Execute).Fold().Task("api")!.Claim!;

        Assert.Equal(EventStream.Owner("tok-1"), claim.Owner);
        Assert.Equal(AttemptKind.Execute, claim.Kind);
        Assert.Equal(EventStream.Start.AddMinutes(3), claim.ClaimedAt);
    }

    [Fact]
    public void A_takeover_keeps_the_attempt_number_and_how_far_it_got()
    {
        var state = Planned("api")
            .Claim("api", 1, "first").AgentStarted("api", 1, pid: 9001).Retried("api", 1, 1)
            .Claim("api", 1, "second", takeover: true)
            .Fold();

        var api = state.Task("api")!;
        Assert.Equal(1, api.Attempts);
        Assert.Equal("second", api.Claim!.Owner.Token);
        Assert.Equal(1, api.Claim.Attempt);
        Assert.Equal(AttemptStep.Claimed, api.Step); // a retry put it back to claimed; the takeover kept that
        Assert.Equal(1, api.TransientRetries);
    }

    [Fact]
    public void A_takeover_of_a_running_agent_keeps_the_agent_to_adopt()
    {
        var api = Planned("api")
            .Claim("api", 1, "first").AgentStarted("api", 1, pid: 9001)
            .Claim("api", 1, "second", takeover: true)
            .Fold().Task("api")!;

        Assert.Equal(AttemptStep.Started, api.Step);
        Assert.Equal(9001, api.Agent!.Pid);
        Assert.Equal(TaskPhase.Running, api.Phase);
    }

    [Fact]
    public void A_takeover_after_the_commit_continues_with_verification()
    {
        var api = Planned("api")
            .Claim("api", 1, "first").AgentStarted("api", 1).AgentFinished("api", 1).Committed("api", 1, "c1")
            .Claim("api", 1, "second", takeover: true)
            .Fold().Task("api")!;

        Assert.Equal(1, api.Attempts);
        Assert.Equal(AttemptStep.Committed, api.Step);
        Assert.Equal(TaskPhase.Verifying, api.Phase);
        Assert.Equal("c1", api.HeadCommit);
    }

    [Fact]
    public void A_new_attempt_starts_from_a_clean_step_and_forgets_the_old_agent()
    {
        var api = Planned("api")
            .Claim("api", 1, "a1").AgentStarted("api", 1).Retried("api", 1, 1).Retried("api", 1, 2)
            .Failed("api", 1, "boom", "sig-x", FailureKind.Agent)
            .Claim("api", 2, "a2", AttemptKind.Fix)
            .Fold().Task("api")!;

        Assert.Equal(2, api.Attempts);
        Assert.Equal(AttemptStep.Claimed, api.Step);
        Assert.Null(api.Agent);
        Assert.Equal(0, api.TransientRetries);
        Assert.Equal(AttemptKind.Fix, api.Claim!.Kind);
    }

    [Fact]
    public void Transient_retries_are_counted_per_attempt()
    {
        var api = Planned("api")
            .Claim("api", 1, "a1").AgentStarted("api", 1)
            .Retried("api", 1, 1).AgentStarted("api", 1).Retried("api", 1, 2).AgentStarted("api", 1).Retried("api", 1, 3)
            .Fold().Task("api")!;

        Assert.Equal(3, api.TransientRetries);
        Assert.Equal(1, api.Attempts); // retries are not attempts
        Assert.Null(api.Agent);
    }

    [Fact]
    public void Cost_and_tokens_add_up_over_attempts_and_tasks()
    {
        var state = Planned("core", "api:core")
            .Claim("core", 1, "c1").AgentFinished("core", 1, cost: 0.25m, input: 1000, output: 10)
            .Failed("core", 1, "x", "sig-x")
            .Claim("core", 2, "c2").AgentFinished("core", 2, cost: 0.50m, input: 2000, output: 20)
            .Claim("api", 1, "a1").AgentFinished("api", 1, cost: 1.125m, input: 4, output: 1)
            .Fold();

        Assert.Equal(0.75m, state.Task("core")!.CostUsd);
        Assert.Equal(1.125m, state.Task("api")!.CostUsd);
        Assert.Equal(1.875m, state.CostUsd);
        Assert.Equal(new TokenCounts(3000, 30, 0), state.Task("core")!.Tokens);
        Assert.Equal(new TokenCounts(3004, 31, 0), state.Tokens);
    }

    [Fact]
    public void An_attempt_without_a_reported_cost_costs_nothing()
    {
        var state = Planned("api").Claim("api", 1, "a1").AgentFinished("api", 1, cost: null).Fold();

        Assert.Equal(0m, state.CostUsd);
        Assert.Equal(AttemptStep.Finished, state.Task("api")!.Step);
    }

    [Fact]
    public void Failures_count_each_signature_and_keep_the_reason_verbatim()
    {
        var api = Planned("api")
            .Failed("api", 1, "first wording", "sig-a")
            .Failed("api", 2, "second wording", "sig-a")
            .Failed("api", 3, "something else", "sig-b")
            .Fold().Task("api")!;

        Assert.Equal(2, api.SignatureCounts["sig-a"]);
        Assert.Equal(1, api.SignatureCounts["sig-b"]);
        Assert.Equal("something else", api.LastFailure!.Reason);
        Assert.Equal("api", api.LastFailure.Task);
        Assert.Equal(TaskPhase.Pending, api.Phase);
        Assert.Null(api.Claim);
    }

    [Fact]
    public void A_failure_without_a_signature_counts_toward_no_breaker()
    {
        var api = Planned("api").Failed("api", 1, "no signature").Fold().Task("api")!;

        Assert.Empty(api.SignatureCounts);
        Assert.Equal("no signature", api.LastFailure!.Reason);
    }

    [Fact]
    public void A_merge_conflict_is_a_failure_that_remembers_what_to_merge()
    {
        var conflict = new MergeConflict(["src/a.py"], "int-7", [], FailureKind.Verification, "conflicts in src/a.py", "sig-conflict");
        var api = Planned("api").Claim("api", 1, "a1").Add(conflict, "api", 1).Fold().Task("api")!;

        Assert.Equal(FailureKind.Conflict, api.LastFailure!.Kind);
        Assert.Equal(["src/a.py"], api.PendingConflict!.Paths);
        Assert.Equal("int-7", api.PendingConflict.IntegrationSha);
        Assert.Equal(1, api.SignatureCounts["sig-conflict"]);
        Assert.Null(api.Claim);
        Assert.Equal(TaskPhase.Pending, api.Phase);
    }

    [Fact]
    public void A_merge_moves_the_integration_head_and_ends_the_task()
    {
        var state = Planned("api").Succeeds("api").Fold();

        var api = state.Task("api")!;
        Assert.Equal(TaskPhase.Merged, api.Phase);
        Assert.Equal("api-c1", api.MergedCommit);
        Assert.Null(api.Claim);
        Assert.True(api.IsTerminal);
        Assert.Equal("int-api", state.IntegrationHead);
    }

    public static TheoryData<EventBody, TaskPhase> ClaimClearingEvents => new()
    {
        { AttemptFailed.Of(new FailureInfo(FailureKind.Verification, "r")), TaskPhase.Pending },
        { new TaskMerged("c1", "i1", false), TaskPhase.Merged },
        { new TaskFailed(new FailureInfo(FailureKind.Verification, "r")), TaskPhase.Failed },
        { new TaskBlocked("core"), TaskPhase.Blocked },
        { new TaskSkipped("another task failed"), TaskPhase.Skipped },
        { new TaskWaiting("q?"), TaskPhase.WaitingForHuman },
        { new MergeConflict(["a.txt"], "i1", [], Reason: "r"), TaskPhase.Pending },
    };

    [Theory]
    [MemberData(nameof(ClaimClearingEvents))]
    public void These_events_clear_the_claim(EventBody body, TaskPhase phase)
    {
        var api = Planned("api").Claim("api", 1, "a1").Add(body, "api", 1).Fold().Task("api")!;

        Assert.Null(api.Claim);
        Assert.Equal(phase, api.Phase);
    }

    [Fact]
    public void A_task_failure_keeps_its_cause_and_limit()
    {
        var cause = new FailureInfo(FailureKind.Breaker, "same failure", "sig-a", new LimitHit("signature_limit", "3"));
        var api = Planned("api").Add(new TaskFailed(cause), "api").Fold().Task("api")!;

        Assert.Equal(TaskPhase.Failed, api.Phase);
        Assert.Equal(new FailureInfo(FailureKind.Breaker, "same failure", "sig-a", new LimitHit("signature_limit", "3"), "api"), api.LastFailure);
    }

    [Fact]
    public void A_question_waits_for_a_human_and_an_answer_makes_the_task_pending_again()
    {
        var stream = Planned("api").Claim("api", 1, "a1")
            .Add(new TaskWaiting("which database?"), "api", 1);
        var waiting = stream.Fold().Task("api")!;
        var answered = stream.Add(new HumanAnswered("sqlite"), "api").Fold().Task("api")!;

        Assert.Equal(TaskPhase.WaitingForHuman, waiting.Phase);
        Assert.Equal("which database?", waiting.Question);
        Assert.Equal(TaskPhase.Pending, answered.Phase);
        Assert.Equal("sqlite", answered.Answer);
        Assert.Equal(1, answered.Attempts);
    }

    [Fact]
    public void A_failed_verification_does_not_mark_the_attempt_verified()
    {
        var failed = Planned("api").Claim("api", 1, "a1").Committed("api", 1, "c1").Verified("api", 1, passed: false).Fold();
        var passed = Planned("api").Claim("api", 1, "a1").Committed("api", 1, "c1").Verified("api", 1, passed: true).Fold();

        Assert.Equal(AttemptStep.Committed, failed.Task("api")!.Step);
        Assert.Equal(AttemptStep.Verified, passed.Task("api")!.Step);
    }
}
