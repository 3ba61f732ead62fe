using System.Text;

namespace Otto.Execution;

/// <summary>
/// When two learnings are the same: agents repeat themselves (each attempt, each task, each run may
/// report "use bcrypt for passwords."), and a learning is worth storing once. Compared without the list
/// dash and the `[task]` tag, case, runs of spaces and a final full stop.
/// </summary>
public static class LearningText
{
    public static string Normalize(string line)
    {
        var text = line.Trim();
        // An agent may hand back a line as it read it in context.md ("- [task] ..."): peel every layer.
        while (true)
        {
            if (text.StartsWith("- ", StringComparison.Ordinal)) text = text[2..].TrimStart();
            else if (text.StartsWith('[') && text.IndexOf("] ", StringComparison.Ordinal) is var close and > 0) text = text[(close + 2)..].TrimStart();
            else break;
        }
        var collapsed = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                if (collapsed.Length > 0 && collapsed[^1] != ' ') collapsed.Append(' ');
            }
            else
            {
                collapsed.Append(char.ToLowerInvariant(c));
            }
        }
        return collapsed.ToString().TrimEnd('.', ' ');
    }
}
