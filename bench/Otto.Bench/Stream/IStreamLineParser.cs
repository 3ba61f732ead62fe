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

/// <summary>
/// THE place to plug real parsers in. Once the provider work is merged
/// (src/Otto.Core/Agents/ClaudeStreamParser.cs: `IReadOnlyList&lt;AgentStreamEvent&gt; Parse(string line)`),
/// add one line:
/// <code>
///     new StreamParserAdapter("Otto.Core ClaudeStreamParser", line => Otto.Agents.ClaudeStreamParser.Parse(line).Count),
/// </code>
/// and, for the whole read path with its bounded line reader and the summary fold:
/// <code>
///     new StreamFileAdapter("Otto.Core AgentStream.Summarize", path => Otto.Agents.AgentStream.Summarize(path, Otto.Agents.ClaudeStreamParser.Parse).Turns ?? 0),
/// </code>
/// </summary>
public static class StreamParsers
{
    public static IReadOnlyList<IStreamLineParser> Lines() =>
    [
        new BaselineStreamParser(),
    ];

    public static IReadOnlyList<StreamFileAdapter> Files() => [];
}

/// <summary>A parser that takes the whole file (its own line reader included); returns any count, for a check.</summary>
public sealed record StreamFileAdapter(string Name, Func<string, int> ParseFile);
