using System.Globalization;

namespace Otto.Platform;

/// <summary>
/// A process named by pid and kernel start time, so that a recycled pid is never mistaken for ours.
/// Start time is field 22 of /proc/PID/stat (clock ticks since boot).
/// </summary>
public sealed record ProcessIdentity(int Pid, long StartTime)
{
    public static ProcessIdentity Current { get; } = new(Environment.ProcessId, ReadStartTime(Environment.ProcessId) ?? 0);

    /// <summary>This machine's name in claims; OTTO_HOST overrides it (workers on machines that share a
    /// run folder, and tests that play several hosts on one machine).</summary>
    public static string HostName { get; } = Environment.GetEnvironmentVariable("OTTO_HOST") is { Length: > 0 } host ? host : Environment.MachineName;

    /// <summary>Alive means: the pid exists, is not a zombie, and started when we recorded.</summary>
    public bool IsAlive()
    {
        var stat = ReadStat(Pid);
        if (stat is null) return false;
        if (stat.Value.State == 'Z' || stat.Value.State == 'X') return false;
        return StartTime == 0 || stat.Value.StartTime == StartTime;
    }

    /// <summary>Whether some live process has this pid (no start time to match: for a pid read from a name).</summary>
    public static bool IsRunning(int pid) => new ProcessIdentity(pid, StartTime: 0).IsAlive();

    public static ProcessIdentity? Of(int pid)
    {
        var start = ReadStartTime(pid);
        return start is null ? null : new ProcessIdentity(pid, start.Value);
    }

    public static long? ReadStartTime(int pid) => ReadStat(pid)?.StartTime;

    private static (char State, long StartTime)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name is in parentheses and may contain spaces: parse after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
        if (fields.Length < 20) return null;
        return (fields[0][0], long.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
