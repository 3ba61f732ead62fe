using System.Security.Cryptography;
using System.Text;

namespace Otto.Tests.Events;

/// <summary>The eight-lane HMAC-SHA256 against .NET's own (OpenSSL's), and the batch seal check against
/// the line-by-line one.</summary>
public sealed class HmacSha256LanesTests
{
    /// <summary>Lengths around every place SHA-256's padding changes: 55/56 bytes (the length no longer fits
    /// the block), 63/64/65, and several blocks.</summary>
    private static readonly int[] Lengths = [0, 1, 31, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 127, 128, 129, 300, 340, 447, 448, 1000, 5000];

    [Avx2Fact]
    public void Every_message_matches_HMACSHA256_whatever_its_length_and_its_neighbours()
    {
        var random = new Random(13);
        foreach (var keyLength in new[] { 32, 0, 64, 65, 100 })
        {
            var key = new byte[keyLength];
            random.NextBytes(key);
            var lanes = new HmacSha256Lanes(key);
            foreach (var count in new[] { 0, 1, 7, 8, 9, 17, 100 })
            {
                // One buffer holding the messages back to back; a message is a range of it and a tail.
                var lengths = Enumerable.Range(0, count).Select(_ => random.Next(4) == 0 ? random.Next(20_000) : Lengths[random.Next(Lengths.Length)]).ToArray();
                var bytes = new byte[lengths.Sum() + 10];
                random.NextBytes(bytes);
                var ranges = new (int Start, int End)[count];
                for (var (i, at) = (0, 5); i < count; at += lengths[i++]) ranges[i] = (at, at + lengths[i]);
                var tail = "}"u8.ToArray();
                var macs = new byte[count * 32];

                lanes.Compute(bytes, ranges, tail, macs);

                for (var i = 0; i < count; i++)
                {
                    var message = bytes[ranges[i].Start..ranges[i].End].Concat(tail).ToArray();
                    Assert.Equal(Convert.ToHexString(HMACSHA256.HashData(key, message)), Convert.ToHexString(macs.AsSpan(i * 32, 32)));
                }
            }
        }
    }

    [Avx2Fact]
    public void A_lane_reused_after_a_long_message_forgets_it()
    {
        var key = Encoding.ASCII.GetBytes("a key");
        var lanes = new HmacSha256Lanes(key);
        var bytes = new byte[70_000];
        new Random(2).NextBytes(bytes);
        // One long message and many short ones: every lane takes several messages in turn.
        var ranges = new[] { (0, 69_000) }.Concat(Enumerable.Range(0, 60).Select(i => (69_000 + i * 10, 69_000 + i * 10 + 1 + i % 10))).ToArray();
        var macs = new byte[ranges.Length * 32];

        lanes.Compute(bytes, ranges, [], macs);

        for (var i = 0; i < ranges.Length; i++)
            Assert.Equal(Convert.ToHexString(HMACSHA256.HashData(key, bytes[ranges[i].Item1..ranges[i].Item2])), Convert.ToHexString(macs.AsSpan(i * 32, 32)));
    }

    [Fact]
    public void The_batch_check_gives_the_answer_of_the_line_by_line_check_for_signed_forged_and_unmarked_lines()
    {
        using var dir = new TempDir("otto-lanes-");
        EventSeal.CreateKey(dir.Path);
        var seal = EventSeal.ForRun(dir.Path)!;
        var random = new Random(4);
        var text = new List<byte[]>();
        for (var i = 0; i < 101; i++)
        {
            var body = Encoding.UTF8.GetBytes($"{{\"seq\":{i},\"type\":\"x\",\"data\":{{\"s\":\"{new string('é', random.Next(400))}\"}}}}");
            var line = seal.Sign(body);
            switch (i % 5)
            {
                case 1: line[random.Next(line.Length - 40)] ^= 1; break; // a byte of the body changed
                case 2: line[^5] = line[^5] == (byte)'a' ? (byte)'b' : (byte)'a'; break; // the mark changed
                case 3: line = body; break; // no mark
            }
            text.Add(line);
        }
        var bytes = text.SelectMany(l => l.Append((byte)'\n')).ToArray();
        var lines = new List<(int Start, int End)>();
        for (var start = 0; start < bytes.Length;)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            lines.Add((start, end));
            start = end + 1;
        }
        var valid = new bool[lines.Count];

        using (var verifier = seal.NewVerifier()) verifier.VerifyEach(bytes, lines.ToArray(), valid);

        var expected = lines.Select(l => seal.Verify(bytes.AsSpan(l.Start, l.End - l.Start))).ToArray();
        Assert.Equal(expected, valid);
        Assert.Equal(Enumerable.Range(0, 101).Count(i => i % 5 is 0 or 4), valid.Count(v => v));
    }
}

/// <summary>The eight-lane hash runs only on AVX2 machines; elsewhere readers check seals line by line with
/// OpenSSL (EventSealTests, and the batch test above, which takes that path there).</summary>
public sealed class Avx2FactAttribute : FactAttribute
{
    public Avx2FactAttribute()
    {
        if (!HmacSha256Lanes.IsAccelerated) Skip = "this machine has no AVX2: the eight-lane HMAC is not used here";
    }
}
