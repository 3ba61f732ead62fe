namespace Otto.Agents;

/// <summary>
/// Reads an agent's output file as normalized events, one line at a time: memory stays bounded however
/// long the stream is. A line longer than <see cref="MaxLineChars"/> (a giant tool output) is skipped
/// rather than held; a torn last line (the agent was killed mid-write) simply parses as nothing.
/// </summary>
public static class AgentStream
{
    public const int MaxLineChars = 8 * 1024 * 1024;

    public static IEnumerable<AgentStreamEvent> Read(string path, Func<string, IReadOnlyList<AgentStreamEvent>> parse)
    {
        foreach (var line in Lines(path))
        {
            foreach (var e in parse(line)) yield return e;
        }
    }

    public static StreamSummary Summarize(string path, Func<string, IReadOnlyList<AgentStreamEvent>> parse) =>
        StreamSummary.Of(Read(path, parse));

    /// <summary>The file's lines, each at most <see cref="MaxLineChars"/>; none when the file does not exist.</summary>
    public static IEnumerable<string> Lines(string path, int maxLineChars = MaxLineChars)
    {
        var follower = new LineFollower(path, maxLineChars);
        foreach (var line in follower.NewLines()) yield return line;
        if (follower.Pending is { } last) yield return last;
    }

    /// <summary>The last few thousand characters of a file (stderr), trimmed; empty when there is none.</summary>
    public static string Tail(string path, int maxChars = 2000)
    {
        var text = Platform.TerminalText.Strip(Platform.FileTail.Read(path, maxChars * 4L).Text).Trim();
        return text.Length > maxChars ? text[^maxChars..] : text;
    }
}
