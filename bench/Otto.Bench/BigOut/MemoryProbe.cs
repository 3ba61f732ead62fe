using System.Diagnostics;
using System.Globalization;

namespace Otto.Bench.BigOut;

/// <summary>
/// Watches a running process's memory from /proc/PID/status: VmHWM (the kernel's own peak resident set,
/// so no spike between polls is missed as long as one poll comes after it) and the largest VmRSS seen.
/// </summary>
public sealed class MemoryProbe
{
    public long PeakHwmKb { get; private set; }

    public long PeakRssKb { get; private set; }

    public int Polls { get; private set; }

    /// <summary>Polls until the process exits; returns when it has.</summary>
    public static MemoryProbe Watch(Process process, TimeSpan interval)
    {
        var probe = new MemoryProbe();
        var path = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            probe.Poll(path);
            Thread.Sleep(interval);
        }
        return probe;
    }

    private void Poll(string path)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) PeakHwmKb = Math.Max(PeakHwmKb, Kb(line));
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) PeakRssKb = Math.Max(PeakRssKb, Kb(line));
            }
            Polls++;
        }
        catch (IOException)
        {
            // It just exited.
        }
    }

    private static long Kb(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
