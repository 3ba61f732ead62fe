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
            var text = string.Join('\n', run.Lines);
            foreach (var match in redactor.Find(text))
            {
                var line = run.FirstLine + LineOf(text, match.Start);
                if (seen.Add((run.Path, line, match.Rule)))
                    violations.Add(new GateViolation(run.Path, line, match.Rule, "adds a secret"));
            }
        }
        return violations;
    }

    /// <summary>How many line breaks come before a position.</summary>
    private static int LineOf(string text, int position) => text.AsSpan(0, position).Count('\n');
}
