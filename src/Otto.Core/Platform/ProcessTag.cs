namespace Otto.Platform;

/// <summary>
/// Every process otto starts for an attempt (its agent, the agent's children, setup and verify commands)
/// carries OTTO_ATTEMPT_TAG=&lt;attempt folder&gt; in its environment, and children inherit it. A process
/// that leaves the agent's process group (setsid, a double fork) keeps it, so /proc tells which processes
/// an attempt started, even after its wrapper and its driver are gone (see <see cref="ProcessSweep"/>).
/// </summary>
public static class ProcessTag
{
    public const string Variable = "OTTO_ATTEMPT_TAG";

    /// <summary>The tag of one attempt: its folder, absolute (unique per repository, run and attempt).</summary>
    public static string Of(string attemptDir) => Path.GetFullPath(attemptDir).TrimEnd('/');

    /// <summary>Matches every attempt of one run: the run folder and anything below it.</summary>
    public static Func<string, bool> OfRun(string runDir)
    {
        var root = Path.GetFullPath(runDir).TrimEnd('/') + "/";
        return tag => tag.StartsWith(root, StringComparison.Ordinal);
    }

    /// <summary>Matches exactly one attempt.</summary>
    public static Func<string, bool> OfAttempt(string attemptDir)
    {
        var tag = Of(attemptDir);
        return candidate => candidate == tag;
    }
}
