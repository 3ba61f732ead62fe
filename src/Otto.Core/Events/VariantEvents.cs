namespace Otto.Events;

// A best-of round (best_of > 1): the variants of one attempt run at once, each in its own worktree, and
// each ends with variant_finished; then one verified variant is chosen (variant_chosen, and the attempt
// goes on to integrate it), or none is (attempt_failed: the round counts as one failed attempt).

/// <summary>One variant of a best-of round ended: its agent ran, its changes were committed on its own
/// branch (<see cref="Commit"/>, null when it got no further than setup), and it was verified or failed on
/// the way (<see cref="Failure"/>) or asked a human (<see cref="Question"/>). Its cost counts for the task.</summary>
public sealed record VariantFinished(
    int Variant, string Provider, string? Model, string? Commit, bool Verified, decimal? CostUsd, TokenCounts? Tokens,
    string? Summary = null, FailureInfo? Failure = null, string? Question = null) : EventBody;

/// <summary>The variant the task goes on with (its commit is now the task branch's tip), chosen
/// <see cref="By"/> `order` (the first verified in variant order). The other variants' commits are kept
/// as <see cref="Alternates"/> (refs/otto/tasks/RUN/TASK/alt-K) for audit.</summary>
public sealed record VariantChosen(
    int Variant, string Commit, string By, IReadOnlyList<VariantRef> Alternates, string? Summary = null,
    string? Reason = null, decimal? CostUsd = null, TokenCounts? Tokens = null) : EventBody;

public sealed record VariantRef(int Variant, string Ref, string Commit);
