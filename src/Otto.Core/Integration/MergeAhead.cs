using Otto.Git;

namespace Otto.Integration;

/// <summary>
/// What the integration of a task's commit into the integration tip will ask, computed while the task's
/// verification runs: the merge gate's judgement of the task's changes and `git merge-tree`'s merge, the two
/// longest steps on every task's way to its merge after verify itself, both answered by the two commits alone.
/// The integration takes them when it merges that very commit into that very tip (nothing landed meanwhile),
/// waiting for them if they are still being computed: they would come out the same again. Nothing is acted on
/// ahead: a refusal, ownership and the branch's compare-and-swap all wait for the verdict, so unverified work
/// still never lands and a failed verification is still reported first.
/// </summary>
public sealed record MergeAhead(string Tip, string Commit, Task<MergeTreeResult?> Merge, Task<MergeAhead.Judged?> Gate)
{
    /// <summary>The merge gate's answer: a refusal, or null when the changes pass.</summary>
    public sealed record Judged(string? Refusal);

    /// <param name="gate">The merge gate's refusal of <paramref name="commit"/>'s changes since it forked from <paramref name="tip"/>.</param>
    public static MergeAhead Start(GitRepo repo, string tip, string commit, Func<string?> gate) =>
        new(tip, commit, Task.Run(() => Compute(repo, tip, commit)), Task.Run(() => Judge(gate)));

    /// <summary>The merge of <paramref name="commit"/> into <paramref name="tip"/> when that is the one computed
    /// ahead (waiting for it to finish); null for any other, or when nothing was computed ahead.</summary>
    public MergeTreeResult? For(string tip, string commit) => Tip == tip && Commit == commit ? Merge.GetAwaiter().GetResult() : null;

    /// <summary>The merge gate's answer for these two commits, when that is the one judged ahead; else null.</summary>
    public Judged? GateFor(string tip, string commit) => Tip == tip && Commit == commit ? Gate.GetAwaiter().GetResult() : null;

    /// <summary>Null when there is nothing to compute ahead (already merged, or forked from the tip itself: the
    /// integration needs no merge-tree then) or the computing failed.</summary>
    private static MergeTreeResult? Compute(GitRepo repo, string tip, string commit)
    {
        try
        {
            if (repo.IsAncestor(commit, tip) || repo.MergeBase(tip, commit) is not { } mergeBase || mergeBase == tip) return null;
            return repo.MergeTree(tip, commit);
        }
        catch (Exception)
        {
            // Only a head start: whatever failed here fails again in the integration, which reports it.
            return null;
        }
    }

    private static Judged? Judge(Func<string?> gate)
    {
        try
        {
            return new Judged(gate());
        }
        catch (Exception)
        {
            return null; // judged again by the integration, which reports what fails
        }
    }
}
