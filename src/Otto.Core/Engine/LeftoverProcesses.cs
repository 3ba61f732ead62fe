using Otto.Agents;
using Otto.Platform;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// Processes of a run that nothing owns any more: every tagged process of an ended run, and, in a run no
/// driver drives, those of attempts whose wrapper is gone and that no live worker holds. An attempt whose
/// agent still runs is never among them (`otto resume` adopts it), nor anything of a run a driver drives.
/// </summary>
public static class LeftoverProcesses
{
    public sealed record Attempt(AttemptFiles Files, IReadOnlyList<ProcessSweep.Found> Processes);

    public static IReadOnlyList<Attempt> Find(RunPaths paths, RunState state)
    {
        if (!state.IsFinished && FileLock.IsHeld(paths.DriverLock)) return [];
        var byTag = ProcessSweep.Find(ProcessTag.OfRun(paths.Dir)).ToLookup(p => p.Tag);
        var leftovers = new List<Attempt>();
        foreach (var files in AttemptFolders(paths))
        {
            var processes = byTag[ProcessTag.Of(files.Dir)].ToList();
            if (processes.Count == 0) continue;
            if (state.IsFinished || IsAbandoned(paths, state, files)) leftovers.Add(new Attempt(files, processes));
        }
        return leftovers;
    }

    public static IEnumerable<AttemptFiles> AttemptFolders(RunPaths paths)
    {
        foreach (var root in new[] { Path.Combine(paths.Dir, "tasks"), Path.Combine(paths.Dir, "stages") })
        {
            if (!Directory.Exists(root)) continue;
            foreach (var dir in Directory.GetDirectories(root, "attempt-*", SearchOption.AllDirectories))
            {
                yield return new AttemptFiles(dir);
                // A best-of round's agents have their own folders inside the attempt's.
                foreach (var variant in Directory.GetDirectories(dir, "variant-*")) yield return new AttemptFiles(variant);
            }
        }
    }

    private static bool IsAbandoned(RunPaths paths, RunState state, AttemptFiles files)
    {
        if (AgentProcess.Inspect(files) is LaunchState.Running or LaunchState.Starting) return false;
        var attemptDir = Path.GetFileName(files.Dir).StartsWith("variant-", StringComparison.Ordinal) ? Path.GetDirectoryName(files.Dir) : files.Dir;
        var owned = state.Tasks.Any(task => task.Claim is { } claim
            && paths.AttemptDir(task.Id, claim.Attempt) == attemptDir
            && claim.Owner.Host == ProcessIdentity.HostName
            && new ProcessIdentity(claim.Owner.Pid, claim.Owner.StartTime).IsAlive());
        return !owned;
    }
}
