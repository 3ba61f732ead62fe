using Otto.Secrets;

namespace Otto.MergeGates;

/// <summary>
/// The secret rule on a task's changes: every added line is looked through with the same rules that
/// redact otto's output. A finding names the file, the line and the rule, never the secret. Pure.
/// </summary>
public static class DiffSecretScan
{
    public static IReadOnlyList<GateViolation> Violations(IEnumerable<AddedRun> runs, Redactor redactor)
    {
        var violations = new List<GateViolation>();
        var seen = new HashSet<(string, int, string)>();
        foreach (var run in runs)
        {
            // A run is searched as one text, so a secret written over several lines (a PEM block) is seen whole.
            // NULs are judged line by line: a UTF-16 file mostly in a non-Latin script (two bytes a letter, no NUL)
            // is far less than a third NULs as a whole, though its ASCII lines (a key among them) are half NULs.
            var text = string.Join('\n', run.Lines.Select(WithoutUtf16Nuls));
            foreach (var match in redactor.Find(text))
            {
                var line = run.FirstLine + LineOf(text, match.Start);
                if (seen.Add((run.Path, line, match.Rule)))
                    violations.Add(new GateViolation(run.Path, line, match.Rule, "adds a secret"));
            }
        }
        return violations;
    }

    /// <summary>
    /// UTF-16 text (a .reg export, a script Windows saved as "Unicode") reads, byte by byte, as its ASCII
    /// letters with a NUL beside each: without the NULs it is the text the rules know. Git splits it into lines
    /// at the same places (its line feed is the byte 0x0A beside a NUL), so line numbers stay right. Only a
    /// line that is at least a third NULs is taken for UTF-16; a binary file with a few keeps them (removing
    /// them could join two strings into something that looks like a key).
    /// </summary>
    internal static string WithoutUtf16Nuls(string text)
    {
        var nuls = text.AsSpan().Count('\0');
        return nuls > 0 && nuls * 3 >= text.Length ? text.Replace("\0", "", StringComparison.Ordinal) : text;
    }

    /// <summary>How many line breaks come before a position.</summary>
    private static int LineOf(string text, int position) => text.AsSpan(0, position).Count('\n');
}
