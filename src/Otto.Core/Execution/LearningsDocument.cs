using System.Collections.Immutable;
using System.Text;

namespace Otto.Execution;

/// <summary>
/// The repository's learnings file (learnings.path, or .otto/learnings.md), as text otto can add to without
/// disturbing what people wrote: whatever comes before the first `## ` heading stays as it is, then one
/// section per run (`## RUN-ID: what the run was asked`) listing its learnings as `- [task] text`. A learning
/// already in the file (by <see cref="LearningText"/>, anywhere in it) is not added again, and the file is
/// bounded: the oldest runs' sections go first, whole.
/// </summary>
public sealed record LearningsDocument(string Preamble, ImmutableList<LearningsSection> Sections)
{
    /// <summary>The file's bound: it is read by every planner and agent, so it must stay small.</summary>
    public const int MaxBytes = 16_384;

    private const string Title = "# What otto runs learned\n\n";

    /// <summary>How much of a run's intent names its section.</summary>
    private const int HeadingIntentChars = 100;

    public static LearningsDocument Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var preamble = new StringBuilder();
        var sections = ImmutableList.CreateBuilder<LearningsSection>();
        string? heading = null;
        var body = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (heading is not null) sections.Add(new LearningsSection(heading, [.. body]));
                (heading, body) = (line, []);
            }
            else if (heading is null)
            {
                preamble.Append(line).Append('\n');
            }
            else
            {
                body.Add(line);
            }
        }
        if (heading is not null) sections.Add(new LearningsSection(heading, [.. body]));
        return new LearningsDocument(preamble.ToString().TrimEnd('\n') is { Length: > 0 } kept ? kept + "\n\n" : "", sections.ToImmutable());
    }

    /// <summary>Every learning in the file, oldest first, with the heading of its section (null before the first).</summary>
    public IEnumerable<(string? Heading, string Line)> Entries() =>
        Preamble.Split('\n').Where(IsEntry).Select(l => ((string?)null, l))
            .Concat(Sections.SelectMany(s => s.Lines.Where(IsEntry).Select(l => ((string?)s.Heading, l))));

    /// <summary>Adds a run's learnings (lines `- [task] text`) that the file does not have yet, as one new section.</summary>
    /// <returns>The document (bounded) and how many learnings were new.</returns>
    public (LearningsDocument Document, int Added) Add(string runId, string intent, IEnumerable<string> learnings)
    {
        var known = Entries().Select(e => LearningText.Normalize(e.Line)).ToHashSet(StringComparer.Ordinal);
        var fresh = learnings.Where(l => IsEntry(l) && known.Add(LearningText.Normalize(l))).ToList();
        if (fresh.Count == 0) return (this, 0);
        var section = new LearningsSection($"## {runId}: {Named(intent)}", ["", .. fresh, ""]);
        var grown = this with
        {
            Preamble = Preamble.Length == 0 && Sections.Count == 0 ? Title : Preamble,
            Sections = Sections.Add(section),
        };
        return (grown.Bounded(MaxBytes), fresh.Count);
    }

    /// <summary>Drops the oldest sections, whole, until the text fits (the newest always stays).</summary>
    public LearningsDocument Bounded(int maxBytes)
    {
        var document = this;
        while (document.Sections.Count > 1 && Encoding.UTF8.GetByteCount(document.Render()) > maxBytes)
            document = document with { Sections = document.Sections.RemoveAt(0) };
        return document;
    }

    public string Render()
    {
        var text = new StringBuilder(Preamble);
        foreach (var section in Sections)
        {
            text.Append(section.Heading).Append('\n');
            foreach (var line in section.Lines) text.Append(line).Append('\n');
        }
        // One final newline, however the sections ended.
        return text.ToString().TrimEnd('\n') + "\n";
    }

    public static bool IsEntry(string line) => line.StartsWith("- ", StringComparison.Ordinal) && line.Length > 2;

    /// <summary>A heading names the run by the first line of its intent, kept short.</summary>
    private static string Named(string intent)
    {
        var first = intent.Trim().Split('\n')[0].Trim();
        if (first.Length <= HeadingIntentChars) return first;
        var cut = char.IsHighSurrogate(first[HeadingIntentChars - 1]) ? HeadingIntentChars - 1 : HeadingIntentChars;
        return first[..cut].TrimEnd() + "…";
    }
}

/// <summary>One `## ` section: its heading line and the lines under it.</summary>
public sealed record LearningsSection(string Heading, ImmutableList<string> Lines);
