namespace Otto.Bench.Stream;

/// <summary>
/// What the stream benchmark measures: something that reads an agent's stdout one line at a time.
/// Parse returns how many normalized events the line produced (0 for lines it ignores).
/// </summary>
public interface IStreamLineParser
{
    string Name { get; }

    int Parse(string line);
}

/// <summary>Any parse function as an <see cref="IStreamLineParser"/>.</summary>
public sealed class StreamParserAdapter(string name, Func<string, int> parse) : IStreamLineParser
{
    public string Name { get; } = name;

    public int Parse(string line) => parse(line);
}

/// <summary>The parsers measured: a System.Text.Json baseline and otto's own Claude stream parser, per line
/// and along the whole read path (bounded line reader and summary fold).</summary>
public static class StreamParsers
{
    public static IReadOnlyList<IStreamLineParser> Lines() =>
    [
        new BaselineStreamParser(),
        new StreamParserAdapter("Otto.Core ClaudeStreamParser", line => Otto.Agents.ClaudeStreamParser.Parse(line).Count),
    ];

    public static IReadOnlyList<StreamFileAdapter> Files() =>
    [
        new StreamFileAdapter("Otto.Core AgentStream.Summarize", path => Otto.Agents.AgentStream.Summarize(path, Otto.Agents.ClaudeStreamParser.Parse).Turns ?? 0),
    ];
}

/// <summary>A parser that takes the whole file (its own line reader included); returns any count, for a check.</summary>
public sealed record StreamFileAdapter(string Name, Func<string, int> ParseFile);
