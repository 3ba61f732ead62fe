using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// An attempt's heartbeat file, refreshed every second by the process working on it, only while it does:
/// disposing stops it, so a finished attempt's heartbeat stops changing. Its age is what leases expire on.
/// </summary>
public sealed class Heartbeat : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile string _stage;
    private Func<DateTimeOffset?> _lastOutput = () => null;

    public Heartbeat(string path, string stage)
    {
        _path = path;
        _stage = stage;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Beat();
        _loop = Task.Run(LoopAsync);
    }

    public string Stage
    {
        get => _stage;
        set
        {
            _stage = value;
            Beat();
        }
    }

    /// <summary>Where the heartbeat reads the agent's last output time from (its log files).</summary>
    public void Track(Func<DateTimeOffset?> lastOutput) => _lastOutput = lastOutput;

    public static DateTimeOffset? LastBeat(string path) =>
        File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null;

    public static JsonObject? Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
                Beat();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Beat()
    {
        if (_stop.IsCancellationRequested) return;
        var beat = new JsonObject
        {
            ["at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["pid"] = Environment.ProcessId,
            ["stage"] = _stage,
            ["last_output_at"] = _lastOutput()?.ToString("O", CultureInfo.InvariantCulture),
        };
        try
        {
            AtomicFile.Write(_path, beat.ToJsonString(), durable: false);
        }
        catch (IOException)
        {
            // The run folder is being removed (gc); nothing to keep alive.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
