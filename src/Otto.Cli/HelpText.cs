using System.CommandLine;
using System.Text;

namespace Otto.Cli;

/// <summary>
/// System.CommandLine lists subcommands with every argument as `&lt;name&gt;`, required or not
/// (`status &lt;run&gt;`), and its help builder is internal in 2.0. This rewrites the "Commands:" section
/// so optional arguments read `[&lt;run&gt;]` there too, as in each command's own usage line, and keeps
/// the two columns aligned.
/// </summary>
public static class HelpText
{
    public static string WithOptionalArguments(string help, Command command)
    {
        var labels = command.Subcommands.ToDictionary(c => Label(c, optional: false), c => Label(c, optional: true), StringComparer.Ordinal);
        var lines = help.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.IndexOf(lines, "Commands:");
        if (start < 0) return help;
        var end = start + 1;
        while (end < lines.Length && lines[end].StartsWith("  ", StringComparison.Ordinal)) end++;
        var rows = new List<(string Label, string Text)>();
        var oldColumn = 0;
        for (var i = start + 1; i < end; i++)
        {
            var line = lines[i];
            var label = labels.Keys.Where(l => line.StartsWith("  " + l + "  ", StringComparison.Ordinal) || line == "  " + l).MaxBy(l => l.Length);
            if (label is null)
            {
                rows.Add(("", line[Math.Min(line.Length, oldColumn)..].TrimStart())); // a wrapped description
                continue;
            }
            var text = line[(2 + label.Length)..].TrimStart();
            oldColumn = line.Length - text.Length;
            rows.Add((labels[label], text));
        }
        var width = rows.Max(r => r.Label.Length);
        var result = new StringBuilder();
        foreach (var line in lines[..(start + 1)]) result.Append(line).Append('\n');
        foreach (var (label, text) in rows) result.Append("  ").Append(label.PadRight(width)).Append("  ").Append(text).Append('\n');
        foreach (var line in lines[end..]) result.Append(line).Append('\n');
        return result.ToString(0, result.Length - 1);
    }

    /// <summary>`name &lt;a&gt; &lt;b&gt;` as System.CommandLine prints it, or with optional arguments bracketed.</summary>
    public static string Label(Command command, bool optional)
    {
        var label = new StringBuilder(command.Name);
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var name = $"<{argument.HelpName ?? argument.Name}>";
            label.Append(' ').Append(optional && argument.Arity.MinimumNumberOfValues == 0 ? $"[{name}]" : name);
        }
        return label.ToString();
    }
}
