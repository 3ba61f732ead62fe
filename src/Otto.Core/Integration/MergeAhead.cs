using Otto.Git;

namespace Otto.Integration;

/// <summary>
/// The merge of a task's commit into the integration tip, computed while the task's verification runs: `git
/// merge-tree` is a process on every task's way to its merge, the longest step after verify itself, and it needs
/// only the two commits. The integration uses it when it merges that very commit into that very tip (nothing
/// landed meanwhile), waiting for it if it is still being computed: git would give the same result again.
/// Nothing else is decided ahead: ownership, the merge gate and the branch's compare-and-swap all wait for the
/// verdict, so unverified work still never lands.
/// </summary>
public sealed record MergeAhead(string Tip, string Commit, Task<MergeTreeResult?> Merge)
{
    public static MergeAhead Start(GitRepo repo, string tip, string commit) => new(tip, commit, Task.Run(() => Compute(repo, tip, commit)));

    /// <summary>The merge of <paramref name="commit"/> into <paramref name="tip"/> when that is the one computed
    /// ahead (waiting for it to finish); null for any other, or when nothing was computed ahead.</summary>
    public MergeTreeResult? For(string tip, string commit) => Tip == tip && Commit == commit ? Merge.GetAwaiter().GetResult() : null;

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
}
