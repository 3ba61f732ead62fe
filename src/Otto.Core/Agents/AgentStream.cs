using System.Text;

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
        if (!File.Exists(path)) yield break;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = new StringBuilder();
        var tooLong = false;
        var buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n') continue;
                if (!tooLong && line.Length + (i - start) <= maxLineChars)
                {
                    line.Append(buffer, start, i - start);
                    yield return line.ToString().TrimEnd('\r');
                }
                line.Clear();
                tooLong = false;
                start = i + 1;
            }
            if (tooLong) continue;
            line.Append(buffer, start, read - start);
            if (line.Length > maxLineChars)
            {
                line.Clear();
                tooLong = true;
            }
        }
        if (!tooLong && line.Length > 0) yield return line.ToString().TrimEnd('\r');
    }

    /// <summary>The last few thousand characters of a file (stderr), trimmed; empty when there is none.</summary>
    public static string Tail(string path, int maxChars = 2000)
    {
        var text = Platform.TerminalText.Strip(Platform.FileTail.Read(path, maxChars * 4L).Text).Trim();
        return text.Length > maxChars ? text[^maxChars..] : text;
    }
}
