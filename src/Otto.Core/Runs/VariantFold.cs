using Otto.Events;

namespace Otto.Runs;

/// <summary>What one variant of a best-of round came to, as the log recorded it.</summary>
public sealed record VariantResult(int Attempt, int Variant, string Provider, string? Commit, bool Verified, FailureInfo? Failure, string? Question, string? Summary);

/// <summary>
/// The fold of a best-of round's events into the task (called from <see cref="StateFold"/>). A variant's
/// cost counts for the task and the run as soon as it is recorded, chosen or not. (A round carried on after
/// a crash skips the variants already recorded, so each is recorded once.)
/// </summary>
public static class VariantFold
{
    public static RunState Apply(RunState s, TaskState t, RunEvent e) => e.Body switch
    {
        VariantFinished b => Finished(s, t, e.Attempt ?? t.Attempts, b),
        VariantChosen b => s.WithTask(t with
        {
            Step = AttemptStep.Verified, HeadCommit = b.Commit, Phase = TaskPhase.Verifying, Summary = b.Summary ?? t.Summary,
            // What asking the reviewer to choose cost counts like the variants' own.
            CostUsd = t.CostUsd + (b.CostUsd ?? 0m), Tokens = t.Tokens.Add(b.Tokens),
        }) with { CostUsd = s.CostUsd + (b.CostUsd ?? 0m), Tokens = s.Tokens.Add(b.Tokens) },
        _ => s,
    };

    private static RunState Finished(RunState s, TaskState t, int attempt, VariantFinished b)
    {
        var result = new VariantResult(attempt, b.Variant, b.Provider, b.Commit, b.Verified, b.Failure, b.Question, b.Summary);
        var cost = b.CostUsd ?? 0m;
        var variants = t.Variants.RemoveAll(v => v.Attempt == attempt && v.Variant == b.Variant).Add(result);
        return s.WithTask(t with { Variants = variants, CostUsd = t.CostUsd + cost, Tokens = t.Tokens.Add(b.Tokens) })
            with { CostUsd = s.CostUsd + cost, Tokens = s.Tokens.Add(b.Tokens) };
    }
}
