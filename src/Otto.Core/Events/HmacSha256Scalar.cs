using System.Buffers.Binary;
using System.Numerics;

namespace Otto.Events;

/// <summary>
/// HMAC-SHA256 of one message in plain managed code (FIPS 180-4 as written; the constants are
/// <see cref="HmacSha256Lanes"/>'), for the marks on the files otto derives from the log
/// (<see cref="EventSeal.FileMark"/>). `otto status` checks status-view's on its fast path, where loading
/// OpenSSL (~6 ms) or compiling the vector version (~16 ms) would cost more than the rest of what it does.
/// Checked against .NET's HMACSHA256 in HmacSha256ScalarTests.
/// </summary>
internal static class HmacSha256Scalar
{
    /// <summary>The HMAC of <paramref name="first"/> followed by <paramref name="second"/>, 32 bytes into <paramref name="mac"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> mac)
    {
        var block = new byte[64];
        if (key.Length > 64) Hash(key, block);
        else key.CopyTo(block);
        var inner = new byte[64 + first.Length + second.Length];
        for (var i = 0; i < 64; i++) inner[i] = (byte)(block[i] ^ 0x36);
        first.CopyTo(inner.AsSpan(64));
        second.CopyTo(inner.AsSpan(64 + first.Length));
        var outer = new byte[64 + 32];
        for (var i = 0; i < 64; i++) outer[i] = (byte)(block[i] ^ 0x5c);
        Hash(inner, outer.AsSpan(64));
        Hash(outer, mac);
    }

    /// <summary>SHA-256 of <paramref name="message"/>, 32 bytes into <paramref name="digest"/>.</summary>
    private static void Hash(ReadOnlySpan<byte> message, Span<byte> digest)
    {
        var state = (uint[])HmacSha256Lanes.InitialState.Clone();
        var w = new uint[64];
        var whole = message.Length / 64;
        for (var i = 0; i < whole; i++) Compress(state, w, message.Slice(i * 64, 64));
        // The rest, 0x80, zeros, and the length in bits as the last 8 bytes: one block or two.
        Span<byte> last = stackalloc byte[128];
        last.Clear();
        var rest = message[(whole * 64)..];
        rest.CopyTo(last);
        last[rest.Length] = 0x80;
        var blocks = rest.Length + 9 <= 64 ? 1 : 2;
        BinaryPrimitives.WriteUInt64BigEndian(last.Slice(blocks * 64 - 8, 8), (ulong)message.Length * 8);
        for (var b = 0; b < blocks; b++) Compress(state, w, last.Slice(b * 64, 64));
        for (var j = 0; j < 8; j++) BinaryPrimitives.WriteUInt32BigEndian(digest.Slice(j * 4, 4), state[j]);
    }

    private static void Compress(uint[] state, uint[] w, ReadOnlySpan<byte> block)
    {
        for (var t = 0; t < 16; t++) w[t] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(t * 4, 4));
        for (var t = 16; t < 64; t++)
        {
            var s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]);
        var k = HmacSha256Lanes.K;
        for (var t = 0; t < 64; t++)
        {
            var t1 = h + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t];
            var t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            (h, g, f, e, d, c, b, a) = (g, f, e, d + t1, c, b, a, t1 + t2);
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}
