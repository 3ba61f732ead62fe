using Otto.Engine;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>.otto/learnings.md: what succeeded runs learned, kept across runs (bounded), fed to planners.
/// A learning an earlier run recorded already (by <see cref="LearningText"/>) is not recorded again.</summary>
public static class Learnings
{
    public const int MaxChars = 16_000;

    public static void Record(RunContext run, RunState state)
    {
        var path = new OttoHome(run.Info.RepoRoot).Learnings;
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var known = existing.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(LearningText.Normalize).ToHashSet(StringComparer.Ordinal);
        var learned = ContextFile.Read(run.Paths.Context).Split('\n')
            .Where(l => l.StartsWith("- ", StringComparison.Ordinal) && known.Add(LearningText.Normalize(l))).ToList();
        if (learned.Count == 0) return;
        var entry = $"## {state.RunId}: {state.Intent.ReplaceLineEndings(" ")}\n\n{string.Join('\n', learned)}\n\n";
        var text = existing + entry;
        // Drop the oldest sections first.
        while (text.Length > MaxChars && text.IndexOf("\n## ", 1, StringComparison.Ordinal) is var next and > 0) text = text[(next + 1)..];
        File.WriteAllText(path, text);
    }
}
