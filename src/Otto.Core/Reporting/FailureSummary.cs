using System.Text.RegularExpressions;
using Otto.Platform;

namespace Otto.Reporting;

/// <summary>
/// The one rule that turns a failure's text (a test log's end, an agent's stderr, a setup error) into one
/// line, used by the live view, `otto status`, progress lines and `otto logs`: the first line that says
/// what failed (error, FAIL, assert, expected, not found, ...), else the last line that is not noise
/// (timings, totals, separators, the npm script echo, stack frames), else the first line; with the number
/// of other lines. Pure: text in, line out.
/// </summary>
public static partial class FailureSummary
{
    public const int MaxChars = 200;

    public static string OneLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lines = TerminalText.Strip(text).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return "";
        var pick = lines.FindIndex(l => !IsNoise(l) && SaysWhatFailed(l));
        if (pick < 0) pick = lines.FindLastIndex(l => !IsNoise(l) && !Tally().IsMatch(l));
        if (pick < 0) pick = 0;
        var line = Clip(lines[pick]);
        return lines.Count > 1 ? $"{line} (+{lines.Count - 1} lines)" : line;
    }

    /// <summary>Whether a line names a failure. Counts of zero ("0 failed", "errors: 0") do not.</summary>
    public static bool SaysWhatFailed(string line) => Failure().IsMatch(line) && !ZeroCount().IsMatch(line);

    /// <summary>Lines that never say what failed: separators, the script echo, stack frames, warnings.</summary>
    public static bool IsNoise(string line) => Noise().IsMatch(line);

    private static string Clip(string line) => line.Length <= MaxChars ? line : line[..(MaxChars - 1)] + "…";

    [GeneratedRegex(
        @"\b(error|errors|exception|fatal|panic|panicked|segmentation fault|core dumped)\b|\w(Error|Exception)\b|\bERR!|" +
        @"\b(fail|fails|failed|failure|failures|failing)\b|\bFAIL|\bassert|\bexpected\b|\bnot ok\b|" +
        @"\bnot found\b|\bno such file\b|\bcannot\b|\bcan't\b|\bunable to\b|\bpermission denied\b|\btimed out\b|\bundefined reference\b|" +
        @"^[✘✗✖×]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Failure();

    [GeneratedRegex(
        @"(^|[^\d.])0\s+(errors?|failures?|failed|failing)\b|\b(errors?|failures?|failed|failing)\s*[:=]\s*0\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ZeroCount();

    [GeneratedRegex(
        @"^[\W_]+$|^[=\-_*#~]{3,}.*[=\-_*#~]{3,}$|" + // separators, box drawing, ==== headers ====
        @"^> |" + // npm/pnpm/yarn echo the script they run
        @"^at \S|^\[\.\.\. earlier output is in |" + // stack frames, otto's own marker
        @"\bnpm ERR! A complete log of this run|\bnpm ERR! +/|^npm (ERR|error) (code|path|errno|syscall) |" +
        @"^(warning|warn|info|debug)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Noise();

    /// <summary>Totals and timings: test runners print them last, and they name no failure.</summary>
    [GeneratedRegex(
        @"^(duration|time|total|passed|skipped|pending|todo|tests?|suites?|ran|elapsed|finished in|done in)\b.*\d",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tally();
}
