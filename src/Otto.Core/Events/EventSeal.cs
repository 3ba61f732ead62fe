using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Otto.Events;

/// <summary>
/// Marks each event line as written by otto: an HMAC of the line under the run's own key (`run.key`,
/// 0600, in the run folder, which agents are not told about and the bwrap sandbox hides), appended as the
/// line's last field `"mac"`. A line without a valid mark is foreign: readers skip it, the writer reports
/// it. This stops a careless or confused agent and anything that edits the log by hand; an agent running as
/// you, outside the sandbox, that goes looking for the key can still sign a line (docs/security.md).
/// </summary>
public sealed class EventSeal
{
    public const string KeyFileName = "run.key";
    private const int MacHexLength = 32;
    private static readonly byte[] Prefix = ",\"mac\":\""u8.ToArray();
    private static readonly int SuffixLength = Prefix.Length + MacHexLength + 2; // ,"mac":"<hex>"}

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    private readonly byte[] _key;
    private IncrementalHash? _spare;

    private EventSeal(byte[] key) => _key = key;

    /// <summary>A seal of a fresh key nobody has: no mark passes it.</summary>
    public static EventSeal Unknown => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Makes a new run's key. The file is created with mode 0600 before the first event.</summary>
    public static void CreateKey(string runDir)
    {
        var path = Path.Combine(runDir, KeyFileName);
        using var stream = Platform.FileModes.OpenPrivate(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n"));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The seal of the run whose folder holds this log, or null for a run made before seals existed.</summary>
    public static EventSeal? ForRun(string runDir)
    {
        try
        {
            return ParseKey(File.ReadAllBytes(Path.Combine(runDir, KeyFileName))) is { } key ? new EventSeal(key) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The key file's 64 hex digits (and a newline, or other white space around them) as 32 bytes, or
    /// null. By hand rather than Convert.FromHexString, which costs `otto status` ~2 ms on its first call.</summary>
    internal static byte[]? ParseKey(byte[] file)
    {
        var (start, end) = (0, file.Length);
        while (start < end && file[start] <= (byte)' ') start++;
        while (end > start && file[end - 1] <= (byte)' ') end--;
        if (end - start != 64) return null;
        var key = new byte[32];
        for (var i = 0; i < 32; i++)
        {
            var (high, low) = (HexValue(file[start + 2 * i]), HexValue(file[start + 2 * i + 1]));
            if (high < 0 || low < 0) return null;
            key[i] = (byte)(high << 4 | low);
        }
        return key;
    }

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => -1,
    };

    /// <summary>The line with its mark: `{...}` becomes `{...,"mac":"..."}`.</summary>
    public byte[] Sign(ReadOnlySpan<byte> line)
    {
        var signed = new byte[line.Length - 1 + SuffixLength];
        line[..^1].CopyTo(signed);
        var at = line.Length - 1;
        Prefix.CopyTo(signed, at);
        at += Prefix.Length;
        Span<byte> mac = stackalloc byte[MacHexLength];
        var hmac = Interlocked.Exchange(ref _spare, null) ?? NewHmac();
        Mac(line[..^1], mac, hmac);
        Interlocked.Exchange(ref _spare, hmac)?.Dispose();
        mac.CopyTo(signed.AsSpan(at));
        signed[^2] = (byte)'"';
        signed[^1] = (byte)'}';
        return signed;
    }

    /// <summary>True when the line carries this run's valid mark. Allocates nothing: a reader checks every
    /// line of the log, and this check is most of what reading a log costs.</summary>
    public bool Verify(ReadOnlySpan<byte> line)
    {
        var hmac = Interlocked.Exchange(ref _spare, null) ?? NewHmac();
        var valid = Verify(line, hmac);
        Interlocked.Exchange(ref _spare, hmac)?.Dispose();
        return valid;
    }

    /// <summary>The mark of a whole file beside the log (<paramref name="name"/>: `run.json`, `state.json`...; see
    /// Runs.FileSeal), as lowercase hex: the HMAC of its content followed by a newline and its name, so that
    /// neither a line's mark nor another file's passes for it.</summary>
    public byte[] FileMark(ReadOnlySpan<byte> content, string name)
    {
        var hex = new byte[MacHexLength];
        FileMark(content, name, hex);
        return hex;
    }

    /// <summary>True when <paramref name="mark"/> is this run's mark of <paramref name="content"/> as the file
    /// <paramref name="name"/> (compared in constant time).</summary>
    public bool HasFileMark(ReadOnlySpan<byte> content, string name, ReadOnlySpan<byte> mark)
    {
        Span<byte> expected = stackalloc byte[MacHexLength];
        FileMark(content, name, expected);
        return SameBytes(expected, mark);
    }

    private void FileMark(ReadOnlySpan<byte> content, string name, Span<byte> hex) =>
        ManagedMark(content, Encoding.UTF8.GetBytes("\n" + name), hex);

    /// <summary>The mark of <paramref name="content"/> followed by <paramref name="tail"/>, with the managed HMAC, not
    /// OpenSSL: `otto status` checks status-view's mark, and the log's first line, on a path that loads no
    /// cryptography otherwise.</summary>
    private void ManagedMark(ReadOnlySpan<byte> content, ReadOnlySpan<byte> tail, Span<byte> hex)
    {
        var hash = new byte[32];
        HmacSha256Scalar.Compute(_key, content, tail, hash);
        ToHex(hash.AsSpan(0, MacHexLength / 2), hex);
    }

    /// <summary>A checker with its own HMAC, for one thread of a reader that checks lines in parallel.</summary>
    public Verifier NewVerifier() => new(this);

    public sealed class Verifier(EventSeal seal) : IDisposable
    {
        private IncrementalHash? _hmac; // made on first use: VerifyEach on an AVX2 machine needs none
        private readonly HmacSha256Lanes? _lanes = HmacSha256Lanes.IsAccelerated ? new(seal._key) : null;

        public bool Verify(ReadOnlySpan<byte> line) => EventSeal.Verify(line, _hmac ??= seal.NewHmac());

        /// <summary>Whether each line of <paramref name="bytes"/> (start, end) carries this run's valid mark,
        /// into <paramref name="valid"/>: the answer of <see cref="Verify"/> line by line, eight lines per
        /// pass of the hash where the machine has 256-bit vectors.</summary>
        public void VerifyEach(ReadOnlySpan<byte> bytes, ReadOnlySpan<(int Start, int End)> lines, Span<bool> valid)
        {
            if (_lanes is null)
            {
                for (var i = 0; i < lines.Length; i++) valid[i] = Verify(bytes[lines[i].Start..lines[i].End]);
                return;
            }
            var marked = new List<int>(lines.Length);
            var unsigned = new List<(int Start, int End)>(lines.Length); // the line before its mark, then "}"
            for (var i = 0; i < lines.Length; i++)
            {
                valid[i] = false;
                if (!HasMark(bytes[lines[i].Start..lines[i].End])) continue;
                marked.Add(i);
                unsigned.Add((lines[i].Start, lines[i].End - SuffixLength));
            }
            var macs = new byte[unsigned.Count * 32];
            _lanes.Compute(bytes, CollectionsMarshal.AsSpan(unsigned), "}"u8, macs);
            Span<byte> expected = stackalloc byte[MacHexLength];
            for (var k = 0; k < marked.Count; k++)
            {
                var line = bytes[lines[marked[k]].Start..lines[marked[k]].End];
                ToHex(macs.AsSpan(k * 32, MacHexLength / 2), expected);
                valid[marked[k]] = CryptographicOperations.FixedTimeEquals(expected, line.Slice(line.Length - 2 - MacHexLength, MacHexLength));
            }
        }

        public void Dispose() => _hmac?.Dispose();
    }

    private IncrementalHash NewHmac() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);

    private static bool Verify(ReadOnlySpan<byte> line, IncrementalHash hmac)
    {
        if (!HasMark(line)) return false;
        Span<byte> expected = stackalloc byte[MacHexLength];
        Mac(line[..^SuffixLength], expected, hmac); // the unsigned line is this prefix and its closing '}'
        return CryptographicOperations.FixedTimeEquals(expected, line.Slice(line.Length - 2 - MacHexLength, MacHexLength));
    }

    /// <summary>As <see cref="Verify(ReadOnlySpan{byte})"/>, with the managed HMAC: for a single line on a path that
    /// loads no cryptography otherwise (`otto status` checks the log's first line with status-view's mark).</summary>
    public bool VerifyManaged(ReadOnlySpan<byte> line)
    {
        if (!HasMark(line)) return false;
        Span<byte> expected = stackalloc byte[MacHexLength];
        ManagedMark(line[..^SuffixLength], "}"u8, expected);
        return SameBytes(expected, line.Slice(line.Length - 2 - MacHexLength, MacHexLength));
    }

    /// <summary>Compared in constant time, without CryptographicOperations (no cryptography assembly on status's fast path).</summary>
    private static bool SameBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        if (expected.Length != actual.Length) return false;
        var differ = 0;
        for (var i = 0; i < expected.Length; i++) differ |= expected[i] ^ actual[i];
        return differ == 0;
    }

    /// <summary>Whether a line ends with a mark at all (valid or not).</summary>
    public static bool HasMark(ReadOnlySpan<byte> line) =>
        line.Length > SuffixLength && line[^1] == (byte)'}' && line[^2] == (byte)'"' && line.Slice(line.Length - SuffixLength, Prefix.Length).SequenceEqual(Prefix);

    /// <summary>The mark of the unsigned line `body + "}"`, as lowercase hex (the first 16 bytes of its
    /// HMAC-SHA256), written into <paramref name="hex"/>, with an HMAC of this run's key used by one thread.</summary>
    private static void Mac(ReadOnlySpan<byte> body, Span<byte> hex, IncrementalHash hmac)
    {
        Span<byte> hash = stackalloc byte[32];
        hmac.AppendData(body);
        hmac.AppendData("}"u8);
        hmac.GetHashAndReset(hash);
        ToHex(hash[..(MacHexLength / 2)], hex);
    }

    private static void ToHex(ReadOnlySpan<byte> bytes, Span<byte> hex)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            hex[2 * i] = HexDigits[bytes[i] >> 4];
            hex[2 * i + 1] = HexDigits[bytes[i] & 0xF];
        }
    }
}
