namespace Otto.Engine;

/// <summary>
/// The worktree state folder of a repository ($XDG_STATE_HOME/otto/worktrees/REPO-HASH/RUN/...) keeps
/// a folder per run; once gc has removed a run's worktrees what is left is empty folders. Only empty
/// ones are ever removed, deepest first, the root last, and never the folder of a run still going (it
/// may be about to add a worktree there). The pool's folder goes only when it is empty (a pool of size 0
/// where `otto build` made its early planner checkout); a run making one again has git create it anew.
/// </summary>
public static class EmptyFolders
{
    /// <summary>The empty folders under <paramref name="root"/> (and the root itself when it is empty).</summary>
    public static IReadOnlyList<string> Under(string root, IReadOnlySet<string> activeRuns) =>
        Candidates(root, activeRuns).Where(IsEmpty).ToList();

    public static void Remove(string root, IReadOnlySet<string> activeRuns)
    {
        foreach (var dir in Candidates(root, activeRuns))
        {
            try
            {
                if (IsEmpty(dir)) Directory.Delete(dir);
            }
            catch (IOException)
            {
                // Something appeared in it meanwhile: it is not empty any more.
            }
        }
    }

    /// <summary>Deepest first, so a folder whose only content was empty folders is empty by its turn.</summary>
    private static IEnumerable<string> Candidates(string root, IReadOnlySet<string> activeRuns)
    {
        if (!Directory.Exists(root)) return [];
        return Directory.GetDirectories(root)
            .Where(run => !activeRuns.Contains(Path.GetFileName(run)) && run != Execution.WorktreePool.Dir(root))
            .SelectMany(run => Directory.GetDirectories(run, "*", SearchOption.AllDirectories).Append(run))
            .OrderByDescending(d => d.Length)
            .Append(Execution.WorktreePool.Dir(root)) // itself only: an empty pool (worktree_pool: 0), never what is in it
            .Append(root)
            .ToList();
    }

    private static bool IsEmpty(string dir) => Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any();
}
