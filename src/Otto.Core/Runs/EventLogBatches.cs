using System.Buffers;
using System.Runtime.InteropServices;

namespace Otto.Runs;

/// <summary>How a scan reads the log: in chunks of one pooled buffer, batches of complete lines whose seals
/// are checked and events parsed (split over the cores when a batch is big), each line with its file offsets.</summary>
public sealed partial class EventLog
{
    /// <summary>Lines checked and parsed together before they are judged and visited in order: bounds what a
    /// scan of a long log holds at once.</summary>
    private const int BatchLines = 4096;

    /// <summary>From this many lines a batch is checked on several cores.</summary>
    private const int ParallelFrom = 512;

    /// <summary>How much of the log a scan reads at once (more only for a longer line).</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>Complete lines checked and parsed, where they start and end (from the file offset
    /// <paramref name="Offset"/>), and where the bytes looked at end (after the batch's last '\n').</summary>
    private sealed record LineBatch(long Offset, (int Start, int End)[] Lines, (RunEvent? Event, bool Sealed)[] Read, long After)
    {
        public long StartOf(int i) => Offset + Lines[i].Start;

        public long EndOf(int i) => Offset + Lines[i].End;
    }

    /// <summary>The log from <paramref name="offset"/> in batches of complete lines, checked and parsed (in
    /// parallel when a batch is big), read a chunk at a time into one pooled buffer (a 100 MB log is not read
    /// into 100 MB); the last batch, possibly empty, ends where a torn last line starts.</summary>
    private IEnumerable<LineBatch> Batches(FileStream stream, long offset, long unread)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var lines = new List<(int Start, int End)>(BatchLines);
        var bytes = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(unread, 1, ChunkBytes));
        try
        {
            var (start, filled) = (0, 0); // bytes[start..filled] not yet looked at; bytes[0] is at `offset`
            while (true)
            {
                lines.Clear();
                while (lines.Count < BatchLines)
                {
                    var end = Array.IndexOf(bytes, NewLine, start, filled - start);
                    if (end < 0) break; // a torn last line: not ours to judge until it is complete or cut off
                    if (end > start) lines.Add((start, end));
                    start = end + 1;
                }
                if (lines.Count == 0 && unread > 0)
                {
                    (bytes, offset, filled, unread) = Refill(stream, bytes, start, filled, offset, unread);
                    start = 0;
                    continue;
                }
                var read = new (RunEvent? Event, bool Sealed)[lines.Count];
                ReadLines(bytes, lines, read);
                yield return new LineBatch(offset, [.. lines], read, offset + start);
                if (lines.Count == 0) yield break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Moves the bytes not yet looked at to the buffer's front and reads more after them (into a
    /// bigger buffer when one line fills it); returns the buffer, its new file offset, fill and what is left unread.</summary>
    private static (byte[] Bytes, long Offset, int Filled, long Unread) Refill(FileStream stream, byte[] bytes, int start, int filled, long offset, long unread)
    {
        var kept = filled - start;
        var read = bytes;
        if (kept == bytes.Length)
        {
            read = ArrayPool<byte>.Shared.Rent(checked(bytes.Length * 2));
            Buffer.BlockCopy(bytes, 0, read, 0, kept);
        }
        else
        {
            Buffer.BlockCopy(bytes, start, bytes, 0, kept);
        }
        var wanted = (int)Math.Min(read.Length - kept, unread);
        // A writer may have cut a torn last line off since the scan began (readers take no lock): what is
        // no longer there is not read, as if the scan had begun after the cut.
        var got = stream.ReadAtLeast(read.AsSpan(kept, wanted), wanted, throwOnEndOfStream: false);
        // The smaller buffer goes back to the pool only now: were the read to fail, the caller's `finally`
        // returns the buffer it still holds, and must not return one the pool already has (twice rented).
        if (read != bytes) ArrayPool<byte>.Shared.Return(bytes);
        return (read, offset + start, kept + got, got < wanted ? 0 : unread - got);
    }

    /// <summary>Checks each line's seal and parses it (a line failing the seal too, for its report). The two
    /// cost the same per line and need nothing from other lines, so a big batch is split over the cores,
    /// each with its own verifier; the order-dependent judging stays with the caller.</summary>
    private void ReadLines(byte[] bytes, List<(int Start, int End)> lines, (RunEvent? Event, bool Sealed)[] read)
    {
        if (lines.Count == 0) return;
        var seal = _seal.Value;
        if (lines.Count < ParallelFrom || Environment.ProcessorCount == 1)
        {
            ReadChunk(bytes, lines, read, 0, lines.Count, seal);
            return;
        }
        var chunks = Math.Min(Environment.ProcessorCount, lines.Count / (ParallelFrom / 2));
        Parallel.For(0, chunks, chunk => ReadChunk(bytes, lines, read, lines.Count * chunk / chunks, lines.Count * (chunk + 1) / chunks, seal));
    }

    private static void ReadChunk(byte[] bytes, List<(int Start, int End)> lines, (RunEvent? Event, bool Sealed)[] read, int from, int to, EventSeal? seal)
    {
        var chunk = CollectionsMarshal.AsSpan(lines)[from..to];
        Span<bool> marked = stackalloc bool[chunk.Length]; // at most BatchLines
        if (seal is null)
        {
            // A run from before seals has no key and no marks. A line with a mark and no key to check it against
            // means the key was removed (to pass forged lines): none of them can be told from a forgery.
            for (var i = 0; i < chunk.Length; i++) marked[i] = !EventSeal.HasMark(bytes.AsSpan(chunk[i].Start, chunk[i].End - chunk[i].Start));
        }
        else
        {
            using var verifier = seal.NewVerifier();
            verifier.VerifyEach(bytes, chunk, marked);
        }
        for (var i = 0; i < chunk.Length; i++) read[from + i] = (RunEvent.TryParse(bytes.AsSpan(chunk[i].Start, chunk[i].End - chunk[i].Start)), marked[i]);
    }
}
