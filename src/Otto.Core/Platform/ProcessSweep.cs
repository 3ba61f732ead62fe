using System.Text;

namespace Otto.Platform;

/// <summary>
/// Finds and kills processes by their <see cref="ProcessTag"/>, read from /proc/PID/environ (readable for
/// the same user's processes). This is what guarantees that no process outlives its attempt, including one
/// that left the agent's process group with setsid or a double fork. A process that replaced its whole
/// environment (env -i) carries no tag; the wrapper, a child subreaper, stops those while it lives.
/// </summary>
public static class ProcessSweep
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes(ProcessTag.Variable + "=");

    public sealed record Found(int Pid, string Tag, string CommandLine);

    /// <summary>Live processes (not zombies, never this one) whose tag matches.</summary>
    public static IReadOnlyList<Found> Find(Func<string, bool> matches)
    {
        var found = new List<Found>();
        foreach (var dir in EnumerateProcesses())
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            if (ReadTag(pid) is not { } tag || !matches(tag)) continue;
            if (ProcessIdentity.Of(pid) is not { } identity || !identity.IsAlive()) continue;
            found.Add(new Found(pid, tag, CommandLine(pid)));
        }
        return found;
    }

    /// <summary>SIGKILLs every matching process until none is left (a process may fork while it is being
    /// swept), or the deadline passes. Returns how many processes were killed.</summary>
    public static int Kill(Func<string, bool> matches, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(5));
        var killed = new HashSet<int>();
        while (true)
        {
            var live = Find(matches);
            if (live.Count == 0 || DateTime.UtcNow > until) return killed.Count;
            foreach (var process in live)
            {
                ProcessGroup.SignalProcess(process.Pid, Libc.SigKill);
                killed.Add(process.Pid);
            }
            Thread.Sleep(5); // SIGKILL is delivered asynchronously: look again once it has landed
        }
    }

    /// <summary>The value of OTTO_ATTEMPT_TAG in the process's initial environment, or null.</summary>
    public static string? ReadTag(int pid)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var start = 0;
        while (start < environ.Length)
        {
            var end = Array.IndexOf(environ, (byte)0, start);
            if (end < 0) end = environ.Length;
            var entry = environ.AsSpan(start, end - start);
            if (entry.StartsWith(Prefix)) return Encoding.UTF8.GetString(entry[Prefix.Length..]);
            start = end + 1;
        }
        return null;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<string> EnumerateProcesses()
    {
        try
        {
            return Directory.GetDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
