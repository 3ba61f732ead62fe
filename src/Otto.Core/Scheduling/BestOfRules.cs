using System.Globalization;
using Otto.Config;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// The rules of best-of-N, pure: how many variants an attempt runs (and so how many `concurrency` slots its
/// claim holds), which agent each variant gets, and what a finished round comes to.
/// </summary>
public static class BestOfRules
{
    /// <summary>
    /// Variants of the task's next (or current) attempt: the plan's `best_of` for the task, else otto.yaml's.
    /// A conflict fix runs once: it resolves one merge in the task's own worktree, there is nothing to
    /// compare; so do the rounds that continue on work already merged or asked for (an amendment round, a
    /// review or integration fix round, a start on top of an amendment). Never more than `concurrency`: the
    /// variants of one attempt run at once.
    /// </summary>
    public static int Variants(TaskState task, int bestOf, int concurrency) =>
        task.PendingConflict is not null || task.AmendmentRound || task.Round is not null || task.StartOnTopOf is not null || task.Added
            ? 1
            : Math.Clamp(task.BestOf ?? bestOf, 1, Math.Max(1, concurrency));

    /// <summary>The `concurrency` slots the task's claim holds (or would hold): one per variant.</summary>
    public static int Slots(TaskState task, SchedulerPolicy policy) => Variants(task, policy.BestOf, policy.Concurrency);

    /// <summary>
    /// The agent of variant <paramref name="variant"/> (from 1): entry K of `best_of_providers` (round-robin),
    /// filled in from the implementer like a role override; the implementer itself when the list is empty.
    /// </summary>
    public static AgentConfig AgentOf(OttoConfig config, int variant)
    {
        var implementer = AgentSelection.For(config, AgentSelection.Implementer);
        if (config.BestOfProviders.Count == 0) return implementer;
        var entry = config.BestOfProviders[(variant - 1) % config.BestOfProviders.Count];
        if (entry.Provider is not null && entry.Provider != implementer.Provider) return entry;
        return entry with
        {
            Provider = implementer.Provider,
            Model = entry.Model ?? implementer.Model,
            Command = entry.Command ?? implementer.Command,
            Scenario = entry.Scenario ?? implementer.Scenario,
        };
    }

    /// <summary>The variants of an attempt not recorded yet (a round carried on after a crash runs only these).</summary>
    public static IReadOnlyList<int> Missing(TaskState task, int attempt, int variants) =>
        Enumerable.Range(1, variants).Where(k => !task.Variants.Any(v => v.Attempt == attempt && v.Variant == k)).ToList();

    /// <summary>What a round whose variants have all been recorded comes to.</summary>
    /// <param name="preferred">The reviewer's pick among the verified variants, when one was asked; else the first verified wins.</param>
    public static RoundOutcome Outcome(IReadOnlyList<VariantResult> results, int? preferred = null)
    {
        var ordered = results.OrderBy(v => v.Variant).ToList();
        var verified = ordered.Where(v => v.Verified && v.Commit is not null).ToList();
        if ((verified.FirstOrDefault(v => v.Variant == preferred) ?? verified.FirstOrDefault()) is { } winner)
            return new RoundOutcome.Chosen(winner, ordered.Where(v => v != winner && v.Commit is not null).ToList());
        // A failure that stops the run (an agent that cannot log in, a full disk) says so as it is.
        if (ordered.FirstOrDefault(v => v.Failure is { Fatal: true }) is { } fatal) return new RoundOutcome.Failed(fatal.Failure! with { Task = null });
        if (ordered.FirstOrDefault(v => v.Question is not null) is { } asking) return new RoundOutcome.Ask(asking.Question!);
        return new RoundOutcome.Failed(Combined(ordered));
    }

    /// <summary>
    /// One failure for the whole round (one failed attempt for max_attempts). Its signature is the variants'
    /// signatures together (its kind variant 1's), so the breaker trips on a round that fails the same way again; when every variant
    /// failed alike it is that very signature.
    /// </summary>
    public static Events.FailureInfo Combined(IReadOnlyList<VariantResult> failed)
    {
        var failures = failed.Select(v => v.Failure ?? new Events.FailureInfo(Events.FailureKind.Internal, "the variant ended without a verdict")).ToList();
        var first = failures[0];
        var signatures = failures.Select(f => f.Signature ?? "none").Distinct(StringComparer.Ordinal).ToList();
        var signature = signatures.Count == 1 ? first.Signature : "best-of " + string.Join(" | ", signatures);
        var lines = failed.Zip(failures, (v, f) => $"variant {v.Variant.ToString(CultureInfo.InvariantCulture)} ({v.Provider}): {f.Reason}");
        var reason = $"all {failed.Count.ToString(CultureInfo.InvariantCulture)} variants failed:\n" + string.Join("\n", lines);
        return new Events.FailureInfo(first.Kind, reason, signature, first.Limit, Command: first.Command);
    }
}

/// <summary>What a best-of round came to.</summary>
public abstract record RoundOutcome
{
    private RoundOutcome()
    {
    }

    /// <summary>The first verified variant (in variant order) goes on; the others' commits are kept.</summary>
    public sealed record Chosen(VariantResult Winner, IReadOnlyList<VariantResult> Alternates) : RoundOutcome;

    public sealed record Failed(Events.FailureInfo Failure) : RoundOutcome;

    /// <summary>No variant verified and one asked a human: the task waits for the answer.</summary>
    public sealed record Ask(string Question) : RoundOutcome;
}
