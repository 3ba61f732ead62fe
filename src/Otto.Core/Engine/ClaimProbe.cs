using Otto.Agents;
using Otto.Platform;
using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Engine;

/// <summary>
/// Looks at every claim not held by this process's own live jobs: is its owner provably dead (same
/// host, and its pid is gone or started at another time), and when did its heartbeat last change.
/// </summary>
public static class ClaimProbe
{
    public static IReadOnlyDictionary<string, ClaimObservation> Observe(RunPaths paths, RunState state, IReadOnlySet<string> myLiveTokens)
    {
        var me = ProcessIdentity.Current;
        var seen = new Dictionary<string, ClaimObservation>(StringComparer.Ordinal);
        foreach (var task in state.Tasks)
        {
            if (task.Claim is not { } claim || myLiveTokens.Contains(claim.Owner.Token)) continue;
            var owner = claim.Owner;
            var sameHost = owner.Host == ProcessIdentity.HostName;
            var dead = sameHost && (owner.Pid == me.Pid && owner.StartTime == me.StartTime
                ? true // ours, but no job of ours holds it any more
                : !new ProcessIdentity(owner.Pid, owner.StartTime).IsAlive());
            var heartbeat = Heartbeat.LastBeat(new AttemptFiles(paths.AttemptDir(task.Id, claim.Attempt)).Heartbeat);
            seen[task.Id] = new ClaimObservation(dead, heartbeat);
        }
        return seen;
    }
}
