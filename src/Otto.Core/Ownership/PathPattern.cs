using System.Text;
using System.Text.RegularExpressions;

namespace Otto.Ownership;

/// <summary>
/// An owned path: a repository-relative file, a folder (owning everything below it), or a glob with
/// `*` (within a segment), `**` (any number of segments) and `?`.
/// </summary>
public sealed class PathPattern
{
    private readonly Regex _regex;

    private PathPattern(string text)
    {
        Text = text;
        Segments = text.TrimEnd('/').Split('/');
        IsGlob = text.IndexOfAny(['*', '?']) >= 0;
        _regex = new Regex(ToRegex(text.TrimEnd('/'), IsGlob), RegexOptions.CultureInvariant);
    }

    public string Text { get; }

    public bool IsGlob { get; }

    private string[] Segments { get; }

    public static PathPattern Parse(string text) => new(Normalize(text));

    /// <summary>Why the text cannot be an owned path, or null when it can.</summary>
    public static string? Problem(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "is empty";
        if (text.StartsWith('/') || text.StartsWith('~') || (text.Length > 1 && text[1] == ':')) return "is absolute; owned paths are relative to the repository root";
        if (text.Contains('\\', StringComparison.Ordinal)) return "uses '\\'; write paths with '/'";
        var segments = Normalize(text).Split('/');
        if (segments.Contains("..")) return "leaves the repository with '..'";
        if (segments[0] == ".git" || segments[0] == ".otto") return $"is inside {segments[0]}, which no task may change";
        return null;
    }

    public bool Matches(string path) => _regex.IsMatch(Normalize(path));

    /// <summary>Whether some path could match both patterns (conservative: when unsure, they overlap).</summary>
    public bool Overlaps(PathPattern other)
    {
        if (!IsGlob && !other.IsGlob) return Matches(other.Text) || other.Matches(Text);
        if (!IsGlob) return other.Matches(Text) || other.CouldMatchBelow(Text);
        if (!other.IsGlob) return Matches(other.Text) || CouldMatchBelow(other.Text);
        // Whatever `**` spans, a path matching both ends in one name that both last segments must match
        // (so src/**/*.py and src/**/*.ts are disjoint).
        if (Segments[^1] != "**" && other.Segments[^1] != "**" && !SegmentPairOverlaps(Segments[^1], other.Segments[^1])) return false;
        return SegmentsOverlap(Segments, 0, other.Segments, 0);
    }

    /// <summary>A plain folder owns what is below it: a glob overlaps it when it can match a path inside.</summary>
    private bool CouldMatchBelow(string folder)
    {
        var folderSegments = folder.TrimEnd('/').Split('/');
        return SegmentsOverlap(Segments, 0, [.. folderSegments, "**"], 0);
    }

    private static bool SegmentsOverlap(string[] a, int i, string[] b, int j)
    {
        if (i == a.Length && j == b.Length) return true;
        if (i < a.Length && a[i] == "**") return true;
        if (j < b.Length && b[j] == "**") return true;
        // A plain folder at the end of one pattern owns everything below it.
        if (i == a.Length) return !a[^1].Contains('*', StringComparison.Ordinal) && !a[^1].Contains('?', StringComparison.Ordinal);
        if (j == b.Length) return !b[^1].Contains('*', StringComparison.Ordinal) && !b[^1].Contains('?', StringComparison.Ordinal);
        return SegmentPairOverlaps(a[i], b[j]) && SegmentsOverlap(a, i + 1, b, j + 1);
    }

    private static bool SegmentPairOverlaps(string x, string y)
    {
        var xGlob = x.IndexOfAny(['*', '?']) >= 0;
        var yGlob = y.IndexOfAny(['*', '?']) >= 0;
        if (!xGlob && !yGlob) return x == y;
        if (!xGlob) return Regex.IsMatch(x, "^" + SegmentRegex(y) + "$");
        if (!yGlob) return Regex.IsMatch(y, "^" + SegmentRegex(x) + "$");
        // Two wildcard segments: they cannot overlap only when their fixed prefixes or suffixes disagree.
        var xPrefix = x[..x.IndexOfAny(['*', '?'])];
        var yPrefix = y[..y.IndexOfAny(['*', '?'])];
        var xSuffix = x[(x.LastIndexOfAny(['*', '?']) + 1)..];
        var ySuffix = y[(y.LastIndexOfAny(['*', '?']) + 1)..];
        var prefixesAgree = xPrefix.StartsWith(yPrefix, StringComparison.Ordinal) || yPrefix.StartsWith(xPrefix, StringComparison.Ordinal);
        var suffixesAgree = xSuffix.EndsWith(ySuffix, StringComparison.Ordinal) || ySuffix.EndsWith(xSuffix, StringComparison.Ordinal);
        return prefixesAgree && suffixesAgree;
    }

    private static string Normalize(string path)
    {
        var text = path.Trim().Replace('\\', '/');
        while (text.StartsWith("./", StringComparison.Ordinal)) text = text[2..];
        while (text.Contains("//", StringComparison.Ordinal)) text = text.Replace("//", "/", StringComparison.Ordinal);
        return text is "." or "" && path.Trim().Length > 0 ? "**" : text; // "." and "./": the whole repository
    }

    private static string ToRegex(string pattern, bool isGlob)
    {
        if (!isGlob) return "^" + Regex.Escape(pattern) + "(/.*)?$"; // a file, or a folder and all below it
        var text = new StringBuilder("^");
        var segments = pattern.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] == "**")
            {
                text.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            text.Append(SegmentRegex(segments[i]));
            if (!last) text.Append('/');
        }
        // A plain name at the end names a file or a folder, as in a pattern without wildcards (src/*/api owns
        // src/x/api/handler.py); Overlaps already reads it that way.
        if (segments[^1].IndexOfAny(['*', '?']) < 0) text.Append("(/.*)?");
        return text.Append('$').ToString();
    }

    private static string SegmentRegex(string segment) =>
        Regex.Escape(segment).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal);

    public override string ToString() => Text;
}
