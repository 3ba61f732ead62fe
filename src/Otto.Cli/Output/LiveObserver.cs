using Otto.Engine;
using Otto.Reporting;
using Otto.Runs;
using Spectre.Console;

namespace Otto.Cli.Output;

/// <summary>
/// The live view on a terminal: a table of every task refreshed in place twice a second, with the most
/// recent events below it. Used by `otto build` and `otto status --watch` when stderr/stdout is a terminal.
/// </summary>
public sealed class LiveObserver : IRunObserver, IAsyncDisposable
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private const int RecentLines = 8;
    private readonly IAnsiConsole _console;
    private readonly RunPaths _paths;
    private readonly Queue<string> _recent = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public LiveObserver(IAnsiConsole console, RunPaths paths)
    {
        _console = console;
        _paths = paths;
    }

    public static IAnsiConsole ConsoleFor(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.Yes });

    public void Start() => _loop = _console.Live(Snapshot()).AutoClear(false).StartAsync(async context =>
    {
        while (!_stop.IsCancellationRequested)
        {
            context.UpdateTarget(Snapshot());
            try
            {
                await Task.Delay(Refresh, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        context.UpdateTarget(Snapshot());
    });

    public void Events(IReadOnlyList<RunEvent> events, RunState state)
    {
        foreach (var e in events)
        {
            if (EventText.Describe(e) is { } line) Add($"{e.Ts.ToLocalTime():HH:mm:ss} {line}");
        }
    }

    public void Note(string text) => Add($"{DateTimeOffset.Now:HH:mm:ss} {text}");

    private void Add(string line)
    {
        lock (_gate)
        {
            _recent.Enqueue(Otto.Platform.TerminalText.Strip(line));
            while (_recent.Count > RecentLines) _recent.Dequeue();
        }
    }

    private Spectre.Console.Rendering.IRenderable Snapshot()
    {
        var state = new RunJournal(_paths).Read();
        List<string> recent;
        lock (_gate) recent = [.. _recent];
        return LiveTable.Render(_paths, state, StatusView.StatusOf(_paths, state), recent, _console.Profile.Width);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
