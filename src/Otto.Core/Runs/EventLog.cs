using System.Text;
using Otto.Platform;

namespace Otto.Runs;

/// <summary>
/// events.ndjson: append-only, one JSON object per line. Writers append under the run lock (held by the
/// caller: see <see cref="RunJournal"/>), assign the next seq from the last line otto wrote, seal each line
/// (<see cref="EventSeal"/>) and fsync. A torn last line left by a crash is ignored by readers and cut off by
/// the next writer. A complete line otto did not write — not an event, not sealed by this run's key, or
/// not continuing the sequence — is foreign: readers skip it and report it, and it stays in the file.
/// </summary>
public sealed partial class EventLog
{
    private const byte NewLine = (byte)'\n';

    /// <summary>How many lines that are not otto's a writer steps over looking for the last seq.</summary>
    private const int MaxForeignLines = 1000;

    private readonly Lazy<EventSeal?> _seal;

    /// <summary>Built on the first append (readers never need one).</summary>
    private Secrets.Redactor? _redactor;

    public EventLog(string path)
    {
        Path = path;
        _seal = new(() => EventSeal.ForRun(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!));
    }

    public string Path { get; }

    /// <summary>Appends events after the last complete line. The caller must hold the run lock.</summary>
    public (IReadOnlyList<RunEvent> Events, long Length) AppendLocked(IReadOnlyList<NewEvent> events, DateTimeOffset now) =>
        AppendLocked(events, now, out _);

    /// <summary>
    /// As above; <paramref name="start"/> is where otto's lines begin. Bytes before it that the caller has not
    /// read were written by someone else while the caller decided (the run lock keeps otto's writers out).
    /// </summary>
    public (IReadOnlyList<RunEvent> Events, long Length) AppendLocked(IReadOnlyList<NewEvent> events, DateTimeOffset now, out long start)
    {
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var lastSeq = RepairTailAndReadLastSeq(stream);
        var written = new List<RunEvent>(events.Count);
        using var text = new MemoryStream();
        foreach (var e in events)
        {
            // Every event passes the redactor before it is sealed: no secret reaches the log, the state folded
            // from it or final.json.
            var line = Redacted(EventCodec.ToUtf8(new RunEvent(++lastSeq, now, e.Task, e.Attempt, e.Body)));
            // The writer folds what it wrote exactly as every reader will read it back: the timestamp at the
            // log's millisecond precision, and numbers as JSON numbers.
            written.Add(RunEvent.TryParse(line) ?? throw new InvalidOperationException($"otto wrote an event it cannot read back: {Encoding.UTF8.GetString(line)}"));
            text.Write(_seal.Value is { } seal ? seal.Sign(line) : line);
            text.WriteByte(NewLine);
        }
        start = stream.Seek(0, SeekOrigin.End);
        text.Position = 0;
        text.CopyTo(stream);
        if (written.Count > 0) DurableFlush.Flush(stream);
        // The end of otto's own lines, not the file's length: a line appended after them by someone else
        // must still be read (and reported) by the next read from here.
        return (written, start + text.Length);
    }

    private byte[] Redacted(byte[] line)
    {
        _redactor ??= Secrets.Redactor.FromProcess();
        var text = Encoding.UTF8.GetString(line);
        var clean = _redactor.RedactJson(text);
        return ReferenceEquals(clean, text) ? line : Encoding.UTF8.GetBytes(clean);
    }

    /// <summary>
    /// Reads complete lines from a byte offset, after the event numbered <paramref name="afterSeq"/> (so a
    /// line that does not continue the sequence is recognised), and reports what is not otto's.
    /// </summary>
    public LogRead ReadFrom(long offset, long afterSeq = 0)
    {
        var events = new List<RunEvent>();
        var scan = Scan(offset, afterSeq, e =>
        {
            events.Add(e);
            return true;
        });
        return new LogRead(events, scan.Offset, scan.Problems);
    }

    /// <summary>
    /// Hands each of otto's events from a byte offset to <paramref name="visit"/> as soon as it is read, so a
    /// fold over the whole log keeps no list of events (<see cref="RunJournal"/> folds 20,000 events this way
    /// without promoting them all to an older GC generation). <paramref name="visit"/> returning false stops
    /// the scan. The log is read up to its length when the scan starts, a chunk at a time into one pooled
    /// buffer (a 100 MB log is not read into 100 MB); lines are checked and parsed in place.
    /// </summary>
    public LogScan Scan(long offset, long afterSeq, Func<RunEvent, bool> visit)
    {
        if (!File.Exists(Path)) return new LogScan(0, [], Restarted: offset > 0);
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        var restarted = false;
        if (offset > stream.Length)
        {
            offset = 0; // the log was replaced: start over
            afterSeq = 0;
            restarted = true;
        }
        var unread = stream.Length - offset;
        var batches = Batches(stream, offset, unread);
        // A long log's next batch is checked and parsed while this one is judged and visited (folded).
        if (unread > ChunkBytes && Environment.ProcessorCount > 1) batches = ReadAhead.Of(batches, ahead: 2);
        var problems = new List<LogProblem>();
        var last = afterSeq;
        var end = offset;
        foreach (var batch in batches)
        {
            for (var i = 0; i < batch.Read.Length; i++)
            {
                switch (Judge(batch.Read[i], last))
                {
                    case (RunEvent e, null):
                        if (last > 0 && e.Seq > last + 1)
                            problems.Add(new LogProblem(batch.StartOf(i), e.Seq, e.Type, $"events {last + 1}..{e.Seq - 1} are missing from the log", Stops: true));
                        last = e.Seq;
                        if (!visit(e)) return new LogScan(batch.EndOf(i) + 1, problems, restarted);
                        break;
                    case (var e, { } why):
                        problems.Add(new LogProblem(batch.StartOf(i), e?.Seq, e?.Type, why));
                        break;
                }
            }
            end = batch.After;
        }
        return new LogScan(end, problems, restarted);
    }

    public IReadOnlyList<RunEvent> ReadAll() => ReadFrom(0).Events;

    /// <summary>The event a line holds when it is otto's, else why it is foreign. The seal decides first: a
    /// line that fails it is reported, never used.</summary>
    private static (RunEvent? Event, string? Foreign) Judge((RunEvent? Event, bool Sealed) line, long lastSeq) => line switch
    {
        (null, _) => (null, "a line that is not an event; ignored"),
        (var e, false) => (e, "a line otto did not write (no valid seal); ignored"),
        (var e, true) when e.Seq <= lastSeq => (e, $"a line that does not continue the sequence (seq {e.Seq} after {lastSeq}); ignored"),
        (var e, true) => (e, null),
    };

    /// <summary>
    /// Cuts a torn last line off and returns the seq of the last line otto wrote (0 when there is none yet).
    /// Lines that are not otto's are stepped over and kept, rather than destroy anything.
    /// </summary>
    private long RepairTailAndReadLastSeq(FileStream stream)
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
            if (RunEvent.TryParse(line) is { } last && (_seal.Value is { } seal ? seal.Verify(line) : !EventSeal.HasMark(line))) return last.Seq;
            if (line.Length > 0 && ++foreign > MaxForeignLines)
                throw new InvalidDataException($"{stream.Name}: the last {MaxForeignLines} lines are not otto's events; this does not look like otto's event log");
            lineEnd = lineStart - 1;
        }
        return 0;
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

/// <summary>What a read found: otto's events, where to continue, and the lines that were not otto's.</summary>
public sealed record LogRead(IReadOnlyList<RunEvent> Events, long Offset, IReadOnlyList<LogProblem> Problems)
{
    public void Deconstruct(out IReadOnlyList<RunEvent> events, out long offset)
    {
        events = Events;
        offset = Offset;
    }
}

/// <summary>Where a scan ended, the lines that were not otto's, and whether it started over from byte 0
/// because the log was shorter than the offset asked for (replaced).</summary>
public sealed record LogScan(long Offset, IReadOnlyList<LogProblem> Problems, bool Restarted);

/// <summary>A complete line in the log that otto did not write, at byte <see cref="Offset"/>.</summary>
public sealed record LogProblem(long Offset, long? Seq, string? Type, string Reason, bool Stops = false)
{
    public string Describe() => $"events.ndjson, byte {Offset}" + (Type is null ? "" : $" (seq {Seq}, type {Type})") + $": {Reason}";
}
