using System.Globalization;
using System.Text;

namespace Otto.MergeGates;

/// <summary>Lines a diff adds to one file, in a row: the first one's line number in the new file.</summary>
public sealed record AddedRun(string Path, int FirstLine, IReadOnlyList<string> Lines);

/// <summary>
/// Reads the added lines out of `git diff -U0` output (unified format, a/ and b/ prefixes), or out of a
/// new file's content read straight from the object database (<see cref="OfNewFile"/>). Pure, and
/// streaming: a run is handed out as soon as its hunk ends, and a long one in pieces of at most
/// <see cref="MaxRunLines"/> lines, so a 40 MB new file never sits in memory whole.
/// </summary>
public static class AddedLines
{
    public const int MaxRunLines = 2000;

    public static IEnumerable<AddedRun> Parse(IEnumerable<string> diff)
    {
        string? path = null;
        var inHeader = false;
        var next = 0;
        var run = new List<string>();
        var runStart = 0;
        foreach (var line in diff)
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal) || line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                if (run.Count > 0) yield return new AddedRun(path!, runStart, run);
                run = [];
                if (line[0] == 'd')
                {
                    (inHeader, path) = (true, null);
                    continue;
                }
                inHeader = false;
                next = NewStart(line);
                continue;
            }
            if (inHeader)
            {
                if (line.StartsWith("+++ ", StringComparison.Ordinal)) path = NewPath(line[4..]);
                continue;
            }
            if (line.Length == 0 || line[0] != '+' || path is null) continue;
            if (run.Count == 0) runStart = next;
            run.Add(line[1..]);
            next++;
            if (run.Count < MaxRunLines) continue;
            yield return new AddedRun(path, runStart, run);
            run = [];
        }
        if (run.Count > 0 && path is not null) yield return new AddedRun(path, runStart, run);
    }

    /// <summary>Every line of a file the range adds, as the diff would list them: from line 1, in the same
    /// pieces of at most <see cref="MaxRunLines"/> lines, read as the content streams.</summary>
    public static IEnumerable<AddedRun> OfNewFile(string path, TextReader content)
    {
        var run = new List<string>();
        var runStart = 1;
        foreach (var line in Git.GitLines.Split(content))
        {
            run.Add(line);
            if (run.Count < MaxRunLines) continue;
            yield return new AddedRun(path, runStart, run);
            runStart += run.Count;
            run = [];
        }
        if (run.Count > 0) yield return new AddedRun(path, runStart, run);
    }

    /// <summary>The new file's first line from a hunk header `@@ -a,b +c,d @@`.</summary>
    private static int NewStart(string header)
    {
        var plus = header.IndexOf(" +", StringComparison.Ordinal) + 2;
        var end = plus;
        while (end < header.Length && char.IsAsciiDigit(header[end])) end++;
        return int.Parse(header.AsSpan(plus, end - plus), CultureInfo.InvariantCulture);
    }

    /// <summary>The path of a `+++ ` line: b/path, "b/quoted\tpath" in C quoting, or /dev/null (deleted). Git
    /// ends the line with a tab when the name holds a space (for patch(1)); a name never ends with a raw tab
    /// (git quotes one), so a last tab is that and not part of the name.</summary>
    private static string? NewPath(string text)
    {
        if (text.EndsWith('\t')) text = text[..^1];
        if (text == "/dev/null") return null;
        var path = text.StartsWith('"') ? Unquote(text) : text;
        return path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path;
    }

    /// <summary>Git's C-style quoting: \t \n \" \\ and octal bytes (\303\251 is é in UTF-8).</summary>
    internal static string Unquote(string quoted)
    {
        var bytes = new List<byte>();
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }
            var e = quoted[++i];
            if (e is >= '0' and <= '7' && i + 2 < quoted.Length)
            {
                bytes.Add(Convert.ToByte(quoted.Substring(i, 3), 8));
                i += 2;
                continue;
            }
            bytes.Add((byte)(e switch { 'a' => '\a', 'b' => '\b', 't' => '\t', 'n' => '\n', 'v' => '\v', 'f' => '\f', 'r' => '\r', _ => e }));
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
