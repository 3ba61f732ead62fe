using System.Text;

namespace Otto.Runs;

/// <summary>
/// events.ndjson: append-only, one JSON object per line. Writers append under the run lock (held by the
/// caller: see <see cref="RunJournal"/>), assign the next seq from the log's own tail, and fsync. A torn
/// last line left by a crash is ignored by readers and cut off by the next writer.
/// </summary>
public sealed class EventLog(string path)
{
    private const byte NewLine = (byte)'\n';

    public string Path { get; } = path;

    /// <summary>Appends events after the last complete line. The caller must hold the run lock.</summary>
    public (IReadOnlyList<RunEvent> Events, long Length) AppendLocked(IReadOnlyList<NewEvent> events, DateTimeOffset now)
    {
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var lastSeq = RepairTailAndReadLastSeq(stream);
        var written = new List<RunEvent>(events.Count);
        var text = new StringBuilder();
        foreach (var e in events)
        {
            var line = new RunEvent(++lastSeq, now, e.Type, e.Task, e.Attempt, e.Data).ToJsonLine();
            // The writer folds what readers will read: the event parsed back from its line. An in-memory
            // JsonValue converts only to its own CLR type (an int `attempt` never reads as long), so folding
            // the caller's nodes would give the writer a different state than every reader of the log.
            written.Add(RunEvent.TryParse(Encoding.UTF8.GetBytes(line))
                ?? throw new InvalidOperationException($"event {e.Type} does not read back from its own line"));
            text.Append(line).Append('\n');
        }
        stream.Seek(0, SeekOrigin.End);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        if (written.Count > 0) stream.Flush(flushToDisk: true);
        return (written, stream.Length);
    }

    /// <summary>Reads complete lines from a byte offset; returns the events and the offset after the last complete line.</summary>
    public (IReadOnlyList<RunEvent> Events, long Offset) ReadFrom(long offset)
    {
        if (!File.Exists(Path)) return ([], 0);
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (offset > stream.Length) offset = 0; // the log was replaced: start over
        stream.Seek(offset, SeekOrigin.Begin);
        var bytes = new byte[stream.Length - offset];
        stream.ReadExactly(bytes);
        var events = new List<RunEvent>();
        var start = 0;
        while (true)
        {
            var end = Array.IndexOf(bytes, NewLine, start);
            if (end < 0) break; // a torn last line: not ours to judge until it is complete or cut off
            var line = bytes.AsSpan(start, end - start);
            if (line.Length > 0 && RunEvent.TryParse(line) is { } e) events.Add(e);
            start = end + 1;
        }
        return (events, offset + start);
    }

    public IReadOnlyList<RunEvent> ReadAll() => ReadFrom(0).Events;

    /// <summary>Cuts a torn last line off and returns the seq of the last complete line (0 when empty).</summary>
    private static long RepairTailAndReadLastSeq(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0) return 0;
        var lastNewLine = FindLastNewLine(stream, length);
        if (lastNewLine + 1 != length)
        {
            stream.SetLength(lastNewLine + 1); // -1 + 1 = 0: the only line was torn
            length = lastNewLine + 1;
        }
        if (length == 0) return 0;
        var lineStart = FindLastNewLine(stream, length - 1) + 1;
        var line = new byte[length - 1 - lineStart];
        stream.Seek(lineStart, SeekOrigin.Begin);
        stream.ReadExactly(line);
        return RunEvent.TryParse(line)?.Seq
            ?? throw new InvalidDataException($"{stream.Name}: the last line is not a valid event; otto will not guess the next sequence number");
    }

    /// <summary>The offset of the last '\n' before <paramref name="before"/>, or -1.</summary>
    private static long FindLastNewLine(FileStream stream, long before)
    {
        var chunk = new byte[8192];
        var position = before;
        while (position > 0)
        {
            var size = (int)Math.Min(chunk.Length, position);
            position -= size;
            stream.Seek(position, SeekOrigin.Begin);
            stream.ReadExactly(chunk, 0, size);
            var index = Array.LastIndexOf(chunk, NewLine, size - 1, size);
            if (index >= 0) return position + index;
        }
        return -1;
    }
}
