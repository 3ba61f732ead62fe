using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Otto.Verification;

/// <summary>
/// A stable id for "the same failure", however it was worded this time: timestamps, durations, ids,
/// absolute paths, line:column and numbers are normalized away before hashing. The same signature
/// `limits.signature_limit` times trips the breaker.
/// </summary>
public static partial class FailureSignature
{
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}:\d{2}(\.\d+)?\b")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b")]
    private static partial Regex HexId();

    [GeneratedRegex(@"(?<![\w.])(?:~|[a-z]:)?(?:/[\w.@+-]+)+/([\w.@+-]+)")]
    private static partial Regex AbsolutePath();

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?(ms|µs|us|ns|s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?)\b")]
    private static partial Regex DurationText();

    [GeneratedRegex(@":\d+(:\d+)?\b")]
    private static partial Regex LineColumn();

    /// <summary>A number on its own, not the digits of a name: error codes (CS0103, TS2304, E0425, SC2086) and
    /// names like test_login2 or python3 tell failures apart.</summary>
    [GeneratedRegex(@"(?<![a-z_\d])\d+(\.\d+)?")]
    private static partial Regex Number();

    /// <summary>Temp names made by mktemp (tmp.AbCdEfGhQz) and Python's tempfile (tmpa1b2c3d4): random every run.</summary>
    [GeneratedRegex(@"\btmp[._]?[a-z0-9_]{6,}\b")]
    private static partial Regex TempName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>"sig-" and 12 hex digits of the normalized text's SHA-256.</summary>
    public static string Of(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text)));
        return "sig-" + Convert.ToHexStringLower(hash)[..12];
    }

    public static string Normalize(string text)
    {
        var s = text.ToLowerInvariant();
        s = Timestamp().Replace(s, "<ts>");
        s = ClockTime().Replace(s, "<time>");
        // Paths before ids: a temp folder named by a hex id must still read as one path, not as "<path>/x-<hex><path>".
        s = AbsolutePath().Replace(s, "<path>/$1");
        s = TempName().Replace(s, "<tmp>");
        s = Uuid().Replace(s, "<id>");
        s = HexId().Replace(s, "<hex>");
        s = DurationText().Replace(s, "<dur>");
        s = LineColumn().Replace(s, ":<pos>");
        s = Number().Replace(s, "<n>");
        return Whitespace().Replace(s, " ").Trim();
    }
}
