using System.Text;

namespace Otto.Agents;

/// <summary>
/// Reads a growing file line by line: each pass yields only the complete lines appended since the last
/// one (an agent's stdout while the agent is still writing it). A torn last line waits for its end
/// (<see cref="Pending"/>); a line longer than the maximum is skipped rather than held, so memory stays
/// bounded however much the agent prints.
/// </summary>
public sealed class LineFollower(string path, int maxLineChars = AgentStream.MaxLineChars)
{
    private const int Chunk = 64 * 1024;
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _line = new();
    private long _offset;
    private bool _tooLong;

    /// <summary>The start of a line whose end has not been written yet; null when there is none.</summary>
    public string? Pending => _tooLong || _line.Length == 0 ? null : _line.ToString().TrimEnd('\r');

    public IEnumerable<string> NewLines()
    {
        if (!File.Exists(path)) yield break;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        // A file that shrank was rewritten (redacted in place once the agent ended): nothing new to follow.
        if (stream.Length < _offset) yield break;
        stream.Seek(_offset, SeekOrigin.Begin);
        var bytes = new byte[Chunk];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(Chunk)];
        int read;
        while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
        {
            _offset += read;
            var count = _decoder.GetChars(bytes, 0, read, chars, 0);
            var start = 0;
            for (var i = 0; i < count; i++)
            {
                if (chars[i] != '\n') continue;
                var complete = !_tooLong && _line.Length + (i - start) <= maxLineChars;
                if (complete) _line.Append(chars, start, i - start);
                var line = complete ? _line.ToString().TrimEnd('\r') : null;
                _line.Clear();
                _tooLong = false;
                start = i + 1;
                if (line is not null) yield return line;
            }
            if (_tooLong) continue;
            _line.Append(chars, start, count - start);
            if (_line.Length <= maxLineChars) continue;
            _line.Clear();
            _tooLong = true;
        }
    }
}
