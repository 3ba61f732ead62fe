namespace Otto.Cli;

/// <summary>Where a command writes: stdout is data, stderr is talk. Tests pass their own writers.</summary>
public sealed record CliIO(TextWriter Out, TextWriter Err, bool ErrIsTerminal)
{
    public static CliIO Console { get; } = new(System.Console.Out, System.Console.Error, !System.Console.IsErrorRedirected);
}
