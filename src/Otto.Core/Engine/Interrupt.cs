namespace Otto.Engine;

/// <summary>A Ctrl-C or SIGTERM, turned into cancellation plus the name of the signal, for final.json.</summary>
public sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;

    public string? Signal { get; private set; }

    public void Raise(string signal)
    {
        Signal ??= signal;
        _source.Cancel();
    }

    public void Dispose() => _source.Dispose();
}
