using Otto.Config;
using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>best_of's pure rules: variants and slots, each variant's agent, and what a round comes to.</summary>
public sealed class BestOfRulesTests
{
    private static VariantResult Verified(int variant, string commit = "c") => new(1, variant, "command", commit + variant, true, null, null, $"v{variant}");

    private static VariantResult Failing(int variant, string signature = "sig", FailureKind kind = FailureKind.Verification, bool fatal = false) =>
        new(1, variant, "command", "c" + variant, false, new FailureInfo(kind, $"variant {variant} broke", signature, Fatal: fatal), null, null);

    [Theory]
    [InlineData(1, 4, 1)]
    [InlineData(3, 4, 3)]
    [InlineData(3, 2, 2)]
    public void A_task_runs_best_of_variants_but_never_more_than_concurrency(int bestOf, int concurrency, int expected) =>
        Assert.Equal(expected, BestOfRules.Variants(Task("api"), bestOf, concurrency));

    [Fact]
    public void The_plans_best_of_for_a_task_wins_over_otto_yaml_within_concurrency()
    {
        Assert.Equal(3, BestOfRules.Variants(Task("api") with { BestOf = 3 }, 1, 4));
        Assert.Equal(1, BestOfRules.Variants(Task("api") with { BestOf = 1 }, 2, 4));
        Assert.Equal(2, BestOfRules.Variants(Task("api") with { BestOf = 5 }, 1, 2));
    }

    [Fact]
    public void A_conflict_fix_runs_once_whatever_best_of_says() =>
        Assert.Equal(1, BestOfRules.Variants(Task("api") with { PendingConflict = new ConflictInfo(["a.txt"], "i1") }, 3, 4));

    [Fact]
    public void The_first_verified_variant_in_variant_order_wins_whatever_order_they_ended_in()
    {
        var outcome = BestOfRules.Outcome([Verified(3), Failing(1), Verified(2)]);

        var chosen = Assert.IsType<RoundOutcome.Chosen>(outcome);
        Assert.Equal(2, chosen.Winner.Variant);
        Assert.Equal([1, 3], chosen.Alternates.Select(a => a.Variant));
    }

    [Theory]
    [InlineData(3, 3)] // the reviewer's pick among the verified
    [InlineData(1, 2)] // a pick that did not verify is not taken: the first verified is
    [InlineData(null, 2)]
    public void The_reviewers_pick_wins_only_among_the_verified(int? preferred, int winner)
    {
        var chosen = Assert.IsType<RoundOutcome.Chosen>(BestOfRules.Outcome([Verified(3), Failing(1), Verified(2)], preferred));

        Assert.Equal(winner, chosen.Winner.Variant);
        Assert.DoesNotContain(chosen.Alternates, a => a.Variant == winner);
    }

    [Fact]
    public void A_variant_that_never_got_a_commit_is_no_alternate()
    {
        var setupFailed = new VariantResult(1, 1, "command", null, false, new FailureInfo(FailureKind.Internal, "setup failed"), null, null);

        var chosen = Assert.IsType<RoundOutcome.Chosen>(BestOfRules.Outcome([setupFailed, Verified(2)]));

        Assert.Empty(chosen.Alternates);
    }

    [Fact]
    public void When_all_fail_the_round_is_one_failure_quoting_every_variant()
    {
        var failed = Assert.IsType<RoundOutcome.Failed>(BestOfRules.Outcome([Failing(2, "sig-b"), Failing(1, "sig-a")]));

        Assert.Equal("all 2 variants failed:\nvariant 1 (command): variant 1 broke\nvariant 2 (command): variant 2 broke", failed.Failure.Reason);
        Assert.Equal("best-of sig-a | sig-b", failed.Failure.Signature);
        Assert.Equal(FailureKind.Verification, failed.Failure.Kind);
    }

    [Fact]
    public void Variants_failing_alike_keep_that_signature_for_the_breaker() =>
        Assert.Equal("same", Assert.IsType<RoundOutcome.Failed>(BestOfRules.Outcome([Failing(1, "same"), Failing(2, "same")])).Failure.Signature);

    [Fact]
    public void A_fatal_failure_of_one_variant_is_the_rounds_failure_as_it_is()
    {
        var failed = Assert.IsType<RoundOutcome.Failed>(BestOfRules.Outcome([Failing(1), Failing(2, "auth", FailureKind.Agent, fatal: true)]));

        Assert.True(failed.Failure.Fatal);
        Assert.Equal("variant 2 broke", failed.Failure.Reason);
    }

    [Fact]
    public void A_question_with_no_verified_variant_waits_for_a_human_but_a_verified_variant_goes_on()
    {
        var asking = new VariantResult(1, 2, "command", "c2", false, null, "which API?", null);

        Assert.Equal(new RoundOutcome.Ask("which API?"), BestOfRules.Outcome([Failing(1), asking]));
        Assert.IsType<RoundOutcome.Chosen>(BestOfRules.Outcome([Verified(1), asking]));
    }

    [Fact]
    public void Missing_variants_are_those_of_this_attempt_not_recorded_yet()
    {
        var task = Task("api") with { Variants = [Verified(2) with { Attempt = 1 }, Verified(1) with { Attempt = 2 }] };

        Assert.Equal([1, 3], BestOfRules.Missing(task, 1, 3));
        Assert.Equal([2, 3], BestOfRules.Missing(task, 2, 3));
    }

    [Fact]
    public void Each_variant_takes_its_entry_round_robin_filled_in_from_the_implementer()
    {
        var config = new OttoConfig
        {
            Agent = new AgentConfig { Provider = "claude", Model = "sonnet" },
            BestOfProviders = [new AgentConfig { Model = "opus" }, new AgentConfig { Provider = "codex" }],
        };

        Assert.Equal(new AgentConfig { Provider = "claude", Model = "opus" }, BestOfRules.AgentOf(config, 1));
        Assert.Equal(new AgentConfig { Provider = "codex" }, BestOfRules.AgentOf(config, 2));
        Assert.Equal(new AgentConfig { Provider = "claude", Model = "opus" }, BestOfRules.AgentOf(config, 3));
        Assert.Equal(new AgentConfig { Provider = "claude", Model = "sonnet" }, BestOfRules.AgentOf(new OttoConfig { Agent = config.Agent }, 2));
    }
}
