using System.Runtime.CompilerServices;

namespace Otto.Events;

/// <summary>
/// HMAC-SHA256 of one message in plain managed code (FIPS 180-4 as written), for the marks on the files otto
/// derives from the log (<see cref="EventSeal.FileMark"/>). `otto status` checks status-view's on its fast
/// path, right after start-up, where loading OpenSSL (~6 ms) or compiling the vector version (~16 ms) would
/// cost more than the rest of what it does; so this is written for a cheap first compile as well: arrays and
/// shifts, no spans or generic helpers (~1 ms to compile against ~3 with them). Checked against .NET's
/// HMACSHA256 in HmacSha256ScalarTests.
/// </summary>
internal static class HmacSha256Scalar
{
    /// <summary>The HMAC of <paramref name="first"/> followed by <paramref name="second"/>, 32 bytes into <paramref name="mac"/>.</summary>
    public static void Compute(byte[] key, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, byte[] mac)
    {
        var block = new byte[64];
        if (key.Length > 64) Hash(key, block);
        else Array.Copy(key, block, key.Length);
        var inner = new byte[64 + first.Length + second.Length];
        for (var i = 0; i < 64; i++) inner[i] = (byte)(block[i] ^ 0x36);
        first.CopyTo(inner.AsSpan(64));
        second.CopyTo(inner.AsSpan(64 + first.Length));
        var outer = new byte[64 + 32];
        for (var i = 0; i < 64; i++) outer[i] = (byte)(block[i] ^ 0x5c);
        var digest = new byte[32];
        Hash(inner, digest);
        Array.Copy(digest, 0, outer, 64, 32);
        Hash(outer, mac);
    }

    /// <summary>SHA-256 of <paramref name="message"/>, its first 32 bytes into <paramref name="digest"/>.</summary>
    internal static void Hash(byte[] message, byte[] digest)
    {
        var state = (uint[])Sha256Constants.InitialState.Clone();
        var w = new uint[64];
        var whole = message.Length / 64;
        for (var i = 0; i < whole; i++) Compress(state, w, message, i * 64);
        // The rest, 0x80, zeros, and the length in bits as the last 8 bytes (big-endian): one block or two.
        var rest = message.Length - whole * 64;
        var last = new byte[128];
        Array.Copy(message, whole * 64, last, 0, rest);
        last[rest] = 0x80;
        var blocks = rest + 9 <= 64 ? 1 : 2;
        var bits = (ulong)message.Length * 8;
        for (var i = 0; i < 8; i++) last[blocks * 64 - 1 - i] = (byte)(bits >> (8 * i));
        for (var b = 0; b < blocks; b++) Compress(state, w, last, b * 64);
        for (var j = 0; j < 8; j++)
        {
            digest[4 * j] = (byte)(state[j] >> 24);
            digest[4 * j + 1] = (byte)(state[j] >> 16);
            digest[4 * j + 2] = (byte)(state[j] >> 8);
            digest[4 * j + 3] = (byte)state[j];
        }
    }

    private static uint Rotate(uint x, int n) => (x >> n) | (x << (32 - n));

    // Compiled optimized at once: status-view is ~150 KB for 200 tasks, which the unoptimized first tier
    // hashes in ~5 ms against ~1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(uint[] state, uint[] w, byte[] m, int at)
    {
        var k = Sha256Constants.K;
        for (var t = 0; t < 16; t++)
            w[t] = (uint)(m[at + 4 * t] << 24 | m[at + 4 * t + 1] << 16 | m[at + 4 * t + 2] << 8 | m[at + 4 * t + 3]);
        for (var t = 16; t < 64; t++)
        {
            var s0 = Rotate(w[t - 15], 7) ^ Rotate(w[t - 15], 18) ^ (w[t - 15] >> 3);
            var s1 = Rotate(w[t - 2], 17) ^ Rotate(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var t = 0; t < 64; t++)
        {
            var t1 = h + (Rotate(e, 6) ^ Rotate(e, 11) ^ Rotate(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t];
            var t2 = (Rotate(a, 2) ^ Rotate(a, 13) ^ Rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
