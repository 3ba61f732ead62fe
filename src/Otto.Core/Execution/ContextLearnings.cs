using System.Globalization;
using System.Text;

namespace Otto.Execution;

/// <summary>
/// The two learnings sections of an agent's `.ai/context.md` — what earlier tasks of this run learned, and
/// what the repository's learnings file says — within a byte budget. Whole entries only: an entry is kept
/// or left out, never cut. This run's learnings of the task itself and of the tasks it depends on are the
/// most relevant and go last; then the oldest go first. Each section gets half the budget, and what one
/// does not need the other may use. What was left out is counted, and said where to find it.
/// </summary>
public static class ContextLearnings
{
    public static string Render(IReadOnlyList<string> runLearnings, IReadOnlySet<string> related, LearningsDocument repository, string source, int budget)
    {
        var runEntries = runLearnings.Select((line, i) => new Entry(null, line, i, related.Contains(TaskOf(line)))).ToList();
        var repoEntries = repository.Entries().Select((e, i) => new Entry(e.Heading, e.Line, i, false)).ToList();
        var runShare = Math.Max(budget / 2, budget - Need(repoEntries));
        var (runKept, runUsed) = Select(runEntries, runShare);
        var (repoKept, _) = Select(repoEntries, budget - runUsed);

        var text = new StringBuilder();
        text.Append("## What earlier tasks of this run learned\n\n");
        if (runEntries.Count == 0) text.Append("(nothing yet)\n");
        foreach (var entry in runKept) text.Append(entry.Line).Append('\n');
        if (runEntries.Count > runKept.Count)
            text.Append(CultureInfo.InvariantCulture, $"\n({runEntries.Count - runKept.Count} more, the oldest and least related to this task, are left out to keep this file small.)\n");

        text.Append("\n## What the repository learned in earlier runs\n\n");
        if (repoEntries.Count == 0) text.Append(CultureInfo.InvariantCulture, $"(nothing yet: {source} has no learnings)\n");
        string? heading = null;
        foreach (var entry in repoKept)
        {
            // The file's `## RUN: intent` sections become `###` here, under this section.
            if (entry.Heading != heading && entry.Heading is { } opened) text.Append(heading is null ? "" : "\n").Append('#').Append(opened).Append("\n\n");
            heading = entry.Heading;
            text.Append(entry.Line).Append('\n');
        }
        if (repoEntries.Count > repoKept.Count)
            text.Append(CultureInfo.InvariantCulture, $"\n({repoEntries.Count - repoKept.Count} older ones are left out here; {source} has them all.)\n");
        return text.ToString();
    }

    /// <summary>The task a `- [task] text` line names, or "" when it names none.</summary>
    public static string TaskOf(string line)
    {
        var open = line.IndexOf('[', StringComparison.Ordinal);
        var close = line.IndexOf("] ", StringComparison.Ordinal);
        return open is >= 0 and <= 2 && close > open ? line[(open + 1)..close] : "";
    }

    /// <summary>The most relevant and newest entries that fit, in their original order.</summary>
    private static (List<Entry> Kept, int Used) Select(List<Entry> entries, int budget)
    {
        var kept = new List<Entry>();
        var opened = new HashSet<string>(StringComparer.Ordinal);
        var used = 0;
        foreach (var entry in entries.OrderByDescending(e => e.Related).ThenByDescending(e => e.Order))
        {
            var cost = Bytes(entry.Line) + (entry.Heading is { } heading && !opened.Contains(heading) ? Bytes(heading) + 3 : 0);
            if (used + cost > budget) continue;
            used += cost;
            if (entry.Heading is { } h) opened.Add(h);
            kept.Add(entry);
        }
        kept.Sort((a, b) => a.Order.CompareTo(b.Order));
        return (kept, used);
    }

    private static int Need(List<Entry> entries) =>
        entries.Sum(e => Bytes(e.Line)) + entries.Select(e => e.Heading).OfType<string>().Distinct().Sum(h => Bytes(h) + 3);

    private static int Bytes(string line) => Encoding.UTF8.GetByteCount(line) + 1;

    private sealed record Entry(string? Heading, string Line, int Order, bool Related);
}
