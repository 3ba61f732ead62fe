using System.Text;
using Otto.Events;

namespace Otto.Runs;

/// <summary>
/// events.ndjson: append-only, one JSON object per line. Writers append under the run lock (held by the
/// caller: see <see cref="RunJournal"/>), assign the next seq from the log's own tail, and fsync. A torn
/// last line left by a crash is ignored by readers and cut off by the next writer; a complete line that is
/// not an event (something else wrote it) is skipped by readers and writers alike.
/// </summary>
public sealed class EventLog(string path)
{
    private const byte NewLine = (byte)'\n';

    /// <summary>Built on the first append (readers never need one).</summary>
    private Secrets.Redactor? _redactor;

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
            // Every event passes the redactor: no secret reaches the log, the state folded from it or final.json.
            _redactor ??= Secrets.Redactor.FromProcess();
            var line = _redactor.RedactJson(new RunEvent(++lastSeq, now, e.Task, e.Attempt, e.Body).ToJsonLine());
            // The writer folds what it wrote exactly as every reader will read it back: the timestamp at the
            // log's millisecond precision, and numbers as JSON numbers (an int in memory reads as a long).
            written.Add(RunEvent.TryParse(Encoding.UTF8.GetBytes(line)) ?? throw new InvalidOperationException($"otto wrote an event it cannot read back: {line}"));
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

    /// <summary>
    /// Cuts a torn last line off and returns the seq of the last valid event (0 when there is none yet).
    /// A complete line that is not an event was not written by otto (a crash leaves only a torn tail):
    /// readers skip it, so the writer does too, and keeps it in the file rather than destroy anything.
    /// </summary>
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
        var lineEnd = length - 1; // the '\n' that ends the line being looked at
        var foreign = 0;
        while (lineEnd >= 0)
        {
            var lineStart = FindLastNewLine(stream, lineEnd) + 1;
            var line = new byte[lineEnd - lineStart];
            stream.Seek(lineStart, SeekOrigin.Begin);
            stream.ReadExactly(line);
            if (RunEvent.TryParse(line) is { } last) return last.Seq;
            if (line.Length > 0 && ++foreign > MaxForeignLines)
                throw new InvalidDataException($"{stream.Name}: the last {MaxForeignLines} lines are not events; this does not look like otto's event log");
            lineEnd = lineStart - 1;
        }
        return 0;
    }

    /// <summary>How many lines that are not events a writer steps over looking for the last seq.</summary>
    private const int MaxForeignLines = 1000;

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
