using Otto.Platform;

namespace Otto.Execution;

/// <summary>
/// context.md: what tasks learned during this run (their status files' learnings), bounded in size so
/// later prompts stay small; the oldest entries go first. A learning already there (from any task, by
/// <see cref="LearningText"/>) is not added again.
/// </summary>
public static class ContextFile
{
    public const int MaxChars = 12_000;

    public static void Add(string path, string taskId, IReadOnlyList<string> learnings)
    {
        var entries = learnings.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => $"- [{taskId}] {l.Trim().ReplaceLineEndings(" ")}").ToList();
        if (entries.Count == 0) return;
        using var guard = FileLock.Acquire(path + ".lock");
        var lines = File.Exists(path) ? File.ReadAllLines(path).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList() : [];
        var known = lines.Select(LearningText.Normalize).ToHashSet(StringComparer.Ordinal);
        var fresh = entries.Where(e => known.Add(LearningText.Normalize(e))).ToList();
        if (fresh.Count == 0) return;
        lines.AddRange(fresh);
        while (lines.Sum(l => l.Length + 1) > MaxChars && lines.Count > 1) lines.RemoveAt(0);
        File.WriteAllText(path, "# What tasks of this run learned\n\n" + string.Join('\n', lines) + "\n");
    }

    public static string Read(string path)
    {
        if (!File.Exists(path)) return "";
        var text = File.ReadAllText(path);
        var start = text.IndexOf("- ", StringComparison.Ordinal);
        return start < 0 ? "" : text[start..].Trim();
    }
}
