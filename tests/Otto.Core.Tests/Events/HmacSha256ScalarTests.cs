using System.Security.Cryptography;

namespace Otto.Tests.Events;

/// <summary>The managed HMAC-SHA256 behind the marks on state.json and status-view against .NET's own (OpenSSL's).</summary>
public sealed class HmacSha256ScalarTests
{
    /// <summary>Lengths around every place SHA-256's padding changes (55/56, 63/64/65 bytes of the inner message
    /// once the 64-byte pad block is counted) and several blocks.</summary>
    private static readonly int[] Lengths = [0, 1, 31, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 127, 128, 129, 447, 448, 1000, 70_000];

    [Fact]
    public void Every_message_and_key_matches_HMACSHA256()
    {
        var random = new Random(29);
        foreach (var keyLength in new[] { 32, 0, 1, 63, 64, 65, 100 })
        {
            var key = new byte[keyLength];
            random.NextBytes(key);
            foreach (var firstLength in Lengths)
            {
                foreach (var secondLength in new[] { 0, 1, 11, 64 })
                {
                    var (first, second) = (new byte[firstLength], new byte[secondLength]);
                    random.NextBytes(first);
                    random.NextBytes(second);
                    var mac = new byte[32];

                    HmacSha256Scalar.Compute(key, first, second, mac);

                    Assert.Equal(Convert.ToHexString(HMACSHA256.HashData(key, first.Concat(second).ToArray())), Convert.ToHexString(mac));
                }
            }
        }
    }

    [Theory]
    [InlineData("\n", true)]
    [InlineData("  \r\n", true)]
    [InlineData("", true)]
    [InlineData("0\n", false)]   // 65 digits
    [InlineData("g", false)]      // not hex
    public void A_key_file_is_read_as_its_64_hex_digits(string after, bool valid)
    {
        var hex = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var text = after == "g" ? hex[..63] + "g" : hex + after;

        var key = Otto.Events.EventSeal.ParseKey(System.Text.Encoding.ASCII.GetBytes(text));

        Assert.Equal(valid ? hex : null, key is null ? null : Convert.ToHexStringLower(key));
        Assert.Equal(Convert.FromHexString(hex.ToUpperInvariant()), Otto.Events.EventSeal.ParseKey(System.Text.Encoding.ASCII.GetBytes(hex.ToUpperInvariant())));
    }
}
