using Otto.Cli.Output;

namespace Otto.Cli;

/// <summary>
/// Where a command writes: stdout is data, stderr is talk. <see cref="Out"/> and <see cref="Err"/> strip
/// terminal control sequences from every line; <see cref="RawOut"/> and <see cref="RawErr"/> are the
/// streams as they are, for the live view's own drawing and `otto logs --raw`. Tests pass their own writers.
/// </summary>
public sealed record CliIO(TextWriter RawOut, TextWriter RawErr, bool ErrIsTerminal)
{
    public static CliIO Console { get; } = new(System.Console.Out, System.Console.Error, !System.Console.IsErrorRedirected);

    public TextWriter Out { get; } = SanitizingWriter.Over(RawOut);

    public TextWriter Err { get; } = SanitizingWriter.Over(RawErr);
}
