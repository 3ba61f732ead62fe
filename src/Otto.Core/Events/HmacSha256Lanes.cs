using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace Otto.Events;

/// <summary>
/// HMAC-SHA256 of up to eight messages at once, one per 32-bit lane of a 256-bit vector (the
/// "multi-buffer" way of hashing many short messages). A reader checks the seal of every line of a log:
/// 20,000 lines of ~340 bytes cost 23-28 ms through OpenSSL, most of it the fixed cost of each call, and
/// 7-8 ms here. SHA-256 itself is FIPS 180-4 as written; nothing depends on the data but the block
/// count, which is public (the line's length). Checked against HMACSHA256 in HmacSha256LanesTests.
/// Use only where <see cref="IsAccelerated"/>: without 256-bit vectors this would be slower, not faster.
/// </summary>
internal sealed class HmacSha256Lanes
{
    public const int Lanes = 8;
    public static bool IsAccelerated => Avx2.IsSupported;

    private static readonly byte[] Zeros = new byte[64];
    private static readonly Vector256<byte> BigEndianWords = Vector256.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    /// <summary>The state after the key's inner and outer pad blocks: the same for every message.</summary>
    private readonly State _inner, _outer;

    /// <summary>Each lane's message, padded as SHA-256 pads it (after the 64-byte inner pad block).</summary>
    private readonly byte[][] _padded = new byte[Lanes][];

    public HmacSha256Lanes(ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[64];
        block.Clear();
        if (key.Length > 64) SHA256.HashData(key, block);
        else key.CopyTo(block);
        _inner = KeyState(block, 0x36);
        _outer = KeyState(block, 0x5c);
        for (var lane = 0; lane < Lanes; lane++) _padded[lane] = new byte[1024];
    }

    /// <summary>
    /// The HMAC of each message — <paramref name="bytes"/>[Start..End] followed by <paramref name="tail"/> —
    /// 32 bytes each, into <paramref name="macs"/>. The inner hashes run a block of every lane per pass, and
    /// a lane whose message ends takes the next one at once, so one long message (a plan of 100 KB) does not
    /// hold seven short ones back; the outer hashes, one block each, then run eight at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<byte> bytes, ReadOnlySpan<(int Start, int End)> messages, ReadOnlySpan<byte> tail, Span<byte> macs)
    {
        Span<int> message = stackalloc int[Lanes], block = stackalloc int[Lanes], blocks = stackalloc int[Lanes];
        message.Fill(-1);
        Span<Vector256<uint>> w = stackalloc Vector256<uint>[16];
        var state = _inner;
        var next = 0;
        Span<uint> fresh = stackalloc uint[Lanes], busy = stackalloc uint[Lanes];
        while (true)
        {
            fresh.Clear();
            for (var lane = 0; lane < Lanes; lane++)
            {
                if (message[lane] < 0 && next < messages.Length)
                {
                    blocks[lane] = Pad(lane, bytes[messages[next].Start..messages[next].End], tail);
                    (message[lane], block[lane], fresh[lane]) = (next++, 0, uint.MaxValue);
                }
                busy[lane] = message[lane] < 0 ? 0 : uint.MaxValue;
            }
            var active = Vector256.Create<uint>(busy);
            if (active == Vector256<uint>.Zero) break;
            state = State.Select(Vector256.Create<uint>(fresh), _inner, state);
            LoadWords(message, block, w);
            state = State.Select(active, Compress(state, w), state);
            for (var lane = 0; lane < Lanes; lane++)
            {
                if (message[lane] < 0 || ++block[lane] < blocks[lane]) continue;
                for (var t = 0; t < 8; t++) BinaryPrimitives.WriteUInt32BigEndian(macs[(message[lane] * 32 + 4 * t)..], state[t].GetElement(lane));
                message[lane] = -1;
            }
        }
        for (var first = 0; first < messages.Length; first += Lanes) Outer(macs, first, Math.Min(Lanes, messages.Length - first));
    }

    /// <summary>The outer hashes of messages first..first+count-1, whose inner digests are in <paramref name="macs"/>:
    /// one block each, the digest, 0x80 and the length of the key block and digest in bits.</summary>
    private void Outer(Span<byte> macs, int first, int count)
    {
        Span<Vector256<uint>> rows = stackalloc Vector256<uint>[Lanes], w = stackalloc Vector256<uint>[16];
        for (var lane = 0; lane < Lanes; lane++)
            rows[lane] = lane < count ? Avx2.Shuffle(Vector256.Create<byte>(macs[((first + lane) * 32)..]), BigEndianWords).AsUInt32() : default;
        Transpose(rows, w[..8]);
        w[8] = Vector256.Create(0x80000000u);
        w[15] = Vector256.Create((64u + 32u) * 8);
        var mac = Compress(_outer, w);
        Transpose(mac, rows);
        for (var lane = 0; lane < count; lane++) Avx2.Shuffle(rows[lane].AsByte(), BigEndianWords).CopyTo(macs[((first + lane) * 32)..]);
    }

    /// <summary>Copies a lane's message and pads it; returns its number of blocks.</summary>
    private int Pad(int lane, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        var length = head.Length + tail.Length;
        var blocks = (length + 9 + 63) / 64; // the message, 0x80, and its length in bits as 8 bytes
        if (_padded[lane].Length < blocks * 64) _padded[lane] = new byte[blocks * 64];
        var padded = _padded[lane].AsSpan(0, blocks * 64);
        head.CopyTo(padded);
        tail.CopyTo(padded[head.Length..]);
        padded[length] = 0x80;
        padded[(length + 1)..^8].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(padded[^8..], (ulong)(64 + length) * 8); // the key block counts
        return blocks;
    }

    /// <summary>Word t of each busy lane's current block into w[t] (zeros for an idle lane): each lane's 64
    /// bytes are loaded as two rows of eight big-endian words, and the two 8x8 matrices of rows transposed.</summary>
    private void LoadWords(ReadOnlySpan<int> message, ReadOnlySpan<int> block, Span<Vector256<uint>> w)
    {
        Span<Vector256<uint>> rows = stackalloc Vector256<uint>[2 * Lanes];
        for (var lane = 0; lane < Lanes; lane++)
        {
            var bytes = message[lane] >= 0 ? _padded[lane].AsSpan(block[lane] * 64, 64) : Zeros;
            rows[lane] = Avx2.Shuffle(Vector256.Create<byte>(bytes), BigEndianWords).AsUInt32();
            rows[Lanes + lane] = Avx2.Shuffle(Vector256.Create<byte>(bytes[32..]), BigEndianWords).AsUInt32();
        }
        Transpose(rows[..Lanes], w[..8]);
        Transpose(rows[Lanes..], w[8..]);
    }

    private static void Transpose(ReadOnlySpan<Vector256<uint>> r, Span<Vector256<uint>> columns)
    {
        var (t0, t1) = (Avx2.UnpackLow(r[0], r[1]), Avx2.UnpackHigh(r[0], r[1]));
        var (t2, t3) = (Avx2.UnpackLow(r[2], r[3]), Avx2.UnpackHigh(r[2], r[3]));
        var (t4, t5) = (Avx2.UnpackLow(r[4], r[5]), Avx2.UnpackHigh(r[4], r[5]));
        var (t6, t7) = (Avx2.UnpackLow(r[6], r[7]), Avx2.UnpackHigh(r[6], r[7]));
        var (u0, u1) = (Avx2.UnpackLow(t0.AsUInt64(), t2.AsUInt64()), Avx2.UnpackHigh(t0.AsUInt64(), t2.AsUInt64()));
        var (u2, u3) = (Avx2.UnpackLow(t1.AsUInt64(), t3.AsUInt64()), Avx2.UnpackHigh(t1.AsUInt64(), t3.AsUInt64()));
        var (u4, u5) = (Avx2.UnpackLow(t4.AsUInt64(), t6.AsUInt64()), Avx2.UnpackHigh(t4.AsUInt64(), t6.AsUInt64()));
        var (u6, u7) = (Avx2.UnpackLow(t5.AsUInt64(), t7.AsUInt64()), Avx2.UnpackHigh(t5.AsUInt64(), t7.AsUInt64()));
        columns[0] = Avx2.Permute2x128(u0, u4, 0x20).AsUInt32();
        columns[1] = Avx2.Permute2x128(u1, u5, 0x20).AsUInt32();
        columns[2] = Avx2.Permute2x128(u2, u6, 0x20).AsUInt32();
        columns[3] = Avx2.Permute2x128(u3, u7, 0x20).AsUInt32();
        columns[4] = Avx2.Permute2x128(u0, u4, 0x31).AsUInt32();
        columns[5] = Avx2.Permute2x128(u1, u5, 0x31).AsUInt32();
        columns[6] = Avx2.Permute2x128(u2, u6, 0x31).AsUInt32();
        columns[7] = Avx2.Permute2x128(u3, u7, 0x31).AsUInt32();
    }

    private static State KeyState(ReadOnlySpan<byte> key, byte pad)
    {
        Span<Vector256<uint>> w = stackalloc Vector256<uint>[16];
        for (var t = 0; t < 16; t++)
        {
            var word = (uint)(key[4 * t] ^ pad) << 24 | (uint)(key[4 * t + 1] ^ pad) << 16 | (uint)(key[4 * t + 2] ^ pad) << 8 | (uint)(key[4 * t + 3] ^ pad);
            w[t] = Vector256.Create(word);
        }
        var initial = new State();
        for (var i = 0; i < 8; i++) initial[i] = Vector256.Create(Sha256Constants.InitialState[i]);
        return Compress(initial, w);
    }

    /// <summary>SHA-256's compression function of one 64-byte block per lane, <paramref name="w16"/> its
    /// sixteen big-endian words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static State Compress(State state, ReadOnlySpan<Vector256<uint>> w16)
    {
        Span<Vector256<uint>> w = stackalloc Vector256<uint>[64];
        w16[..16].CopyTo(w);
        for (var t = 16; t < 64; t++)
        {
            var (x, y) = (w[t - 15], w[t - 2]);
            var s0 = Rotate(x, 7) ^ Rotate(x, 18) ^ Vector256.ShiftRightLogical(x, 3);
            var s1 = Rotate(y, 17) ^ Rotate(y, 19) ^ Vector256.ShiftRightLogical(y, 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        for (var t = 0; t < 64; t++) w[t] += Vector256.Create(Sha256Constants.K[t]);
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]);
        for (var t = 0; t < 64; t += 8)
        {
            Round(a, b, c, ref d, e, f, g, ref h, w[t]);
            Round(h, a, b, ref c, d, e, f, ref g, w[t + 1]);
            Round(g, h, a, ref b, c, d, e, ref f, w[t + 2]);
            Round(f, g, h, ref a, b, c, d, ref e, w[t + 3]);
            Round(e, f, g, ref h, a, b, c, ref d, w[t + 4]);
            Round(d, e, f, ref g, h, a, b, ref c, w[t + 5]);
            Round(c, d, e, ref f, g, h, a, ref b, w[t + 6]);
            Round(b, c, d, ref e, f, g, h, ref a, w[t + 7]);
        }
        var next = new State();
        (next[0], next[1], next[2], next[3]) = (state[0] + a, state[1] + b, state[2] + c, state[3] + d);
        (next[4], next[5], next[6], next[7]) = (state[4] + e, state[5] + f, state[6] + g, state[7] + h);
        return next;
    }

    /// <summary>One round: <paramref name="d"/> and <paramref name="h"/> take their new values (the
    /// caller renames the rest instead of moving them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c, ref Vector256<uint> d,
        Vector256<uint> e, Vector256<uint> f, Vector256<uint> g, ref Vector256<uint> h, Vector256<uint> kw)
    {
        var t1 = h + (Rotate(e, 6) ^ Rotate(e, 11) ^ Rotate(e, 25)) + ((e & f) ^ Vector256.AndNot(g, e)) + kw;
        d += t1;
        h = t1 + (Rotate(a, 2) ^ Rotate(a, 13) ^ Rotate(a, 22)) + ((a & b) ^ (c & (a ^ b)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rotate(Vector256<uint> x, [ConstantExpected] byte n) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateRight(x, n) : Vector256.ShiftRightLogical(x, n) | Vector256.ShiftLeft(x, 32 - n);

    /// <summary>The eight working words, one vector of lanes each.</summary>
    [InlineArray(8)]
    private struct State
    {
        private Vector256<uint> _word;

        public static State Select(Vector256<uint> mask, State yes, State no)
        {
            var chosen = new State();
            for (var i = 0; i < 8; i++) chosen[i] = Vector256.ConditionalSelect(mask, yes[i], no[i]);
            return chosen;
        }
    }
}
