using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

/// <summary>The fold of a best-of round: every variant's cost counts, and the chosen one becomes the attempt's commit.</summary>
public sealed class StateFoldVariantTests
{
    private static EventStream Round() => new EventStream().Started().Plan("api").Claim("api", 1, "tok")
        .Add(new VariantFinished(2, "command", null, "c2", true, 0.25m, new TokenCounts(10, 5, 0), "good"), "api", 1)
        .Add(new VariantFinished(1, "command", null, "c1", false, 0.5m, new TokenCounts(1, 1, 0), null, new FailureInfo(FailureKind.Verification, "red", "s")), "api", 1);

    [Fact]
    public void Every_variants_cost_counts_for_the_task_and_the_run_chosen_or_not()
    {
        var state = Round().Fold();

        Assert.Equal(0.75m, state.Task("api")!.CostUsd);
        Assert.Equal(0.75m, state.CostUsd);
        Assert.Equal(new TokenCounts(11, 6, 0), state.Task("api")!.Tokens);
        Assert.Equal([2, 1], state.Task("api")!.Variants.Select(v => v.Variant));
    }

    [Fact]
    public void Recorded_variants_leave_the_attempt_where_it_was_until_one_is_chosen()
    {
        var api = Round().Fold().Task("api")!;

        Assert.Equal(AttemptStep.Claimed, api.Step);
        Assert.Null(api.HeadCommit);
    }

    [Fact]
    public void The_chosen_variant_is_the_attempts_verified_commit()
    {
        var api = Round().Add(new VariantChosen(2, "c2", "order", [new VariantRef(1, "refs/otto/tasks/r/api/alt-1", "c1")], "good"), "api", 1).Fold().Task("api")!;

        Assert.Equal(AttemptStep.Verified, api.Step);
        Assert.Equal(TaskPhase.Verifying, api.Phase);
        Assert.Equal("c2", api.HeadCommit);
        Assert.Equal("good", api.Summary);
        Assert.Equal("tok", api.Claim?.Owner.Token); // still claimed: integrating is next
    }

    [Fact]
    public void A_round_that_failed_is_one_attempt_with_one_signature_count()
    {
        var api = Round().Failed("api", 1, "all 2 variants failed", "best-of s | t").Fold().Task("api")!;

        Assert.Equal(1, api.Attempts);
        Assert.Equal(1, api.SignatureCounts["best-of s | t"]);
        Assert.Equal(TaskPhase.Pending, api.Phase);
        Assert.Equal(0.75m, api.CostUsd);
    }
}
