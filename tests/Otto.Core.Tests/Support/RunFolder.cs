using Otto.Runs;

namespace Otto.Tests.Support;

/// <summary>An empty run folder (.otto/runs/RUN-ID/) in a temp directory, deleted on dispose.</summary>
public sealed class RunFolder : IDisposable
{
    private readonly TempDir _temp;

    /// <param name="inMemory">Put the folder on tmpfs (/dev/shm) when there is one, where fsync costs nothing.</param>
    public RunFolder(string runId = EventStream.RunId, bool inMemory = false)
    {
        _temp = inMemory && Directory.Exists("/dev/shm") ? new TempDir("/dev/shm/otto-run-") : new TempDir("otto-run-");
        Paths = new RunPaths(System.IO.Path.Combine(_temp.Path, runId));
        Directory.CreateDirectory(Paths.Dir);
    }

    public RunPaths Paths { get; }

    public string EventsText => File.Exists(Paths.Events) ? File.ReadAllText(Paths.Events) : "";

    /// <summary>The state folded from scratch from every complete line of the log, as a new reader sees it.</summary>
    public RunState FoldFromDisk()
    {
        var (events, offset) = new EventLog(Paths.Events).ReadFrom(0);
        return StateFold.Fold(new RunState { RunId = Paths.RunId }, events) with { Offset = offset };
    }

    public void Dispose() => _temp.Dispose();
}
