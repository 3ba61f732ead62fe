using Otto.Runs;

namespace Otto.Engine;

/// <summary>Where the engine reports progress; the CLI renders it on stderr (or a live view).</summary>
public interface IRunObserver
{
    /// <summary>New events appended to the log (by anyone), with the state after them.</summary>
    void Events(IReadOnlyList<RunEvent> events, RunState state);

    /// <summary>A line of commentary that is not an event.</summary>
    void Note(string text);
}

public sealed class SilentObserver : IRunObserver
{
    public static readonly SilentObserver Instance = new();

    public void Events(IReadOnlyList<RunEvent> events, RunState state)
    {
    }

    public void Note(string text)
    {
    }
}
