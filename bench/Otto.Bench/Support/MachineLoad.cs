namespace Otto.Bench.Support;

/// <summary>"load 1.23 0.98 0.75 on 2 cpus": printed beside figures so a noisy measurement says so itself.</summary>
public static class MachineLoad
{
    public static string Describe()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load {parts[0]} {parts[1]} {parts[2]} on {Environment.ProcessorCount} cpus";
        }
        catch (IOException)
        {
            return $"{Environment.ProcessorCount} cpus";
        }
    }
}
