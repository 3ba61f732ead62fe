using System.Text;

namespace Otto.Events;

/// <summary>
/// Strings for short UTF-8 values that recur (task ids), without allocating one per occurrence: a small
/// direct-mapped cache keyed by the bytes' hash. A slot holds an immutable entry, replaced whole, so
/// readers on several threads see either the old entry or the new one, never half of one.
/// </summary>
internal sealed class Utf8Interner
{
    private const int Slots = 1024;
    private const int MaxLength = 128;
    private readonly Entry?[] _entries = new Entry?[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength) return Encoding.UTF8.GetString(utf8);
        var slot = (int)((uint)HashOf(utf8) % Slots);
        var entry = Volatile.Read(ref _entries[slot]);
        if (entry is not null && utf8.SequenceEqual(entry.Utf8)) return entry.Text;
        var text = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref _entries[slot], new Entry(utf8.ToArray(), text));
        return text;
    }

    private static int HashOf(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    private sealed record Entry(byte[] Utf8, string Text);
}
