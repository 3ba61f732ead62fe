using System.Globalization;
using Otto.Engine;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Cli.Output;

/// <summary>Progress as plain, timestamped lines on stderr: one per event worth telling.</summary>
public sealed class ConsoleObserver(TextWriter err) : IRunObserver
{
    private readonly Lock _gate = new();

    public void Events(IReadOnlyList<RunEvent> events, RunState state)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                if (EventText.Describe(e) is { } line) Write(e.Ts, line);
            }
        }
    }

    public void Note(string text)
    {
        lock (_gate) Write(DateTimeOffset.UtcNow, text);
    }

    private void Write(DateTimeOffset at, string line)
    {
        err.WriteLine($"[{at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}");
        err.Flush();
    }
}
