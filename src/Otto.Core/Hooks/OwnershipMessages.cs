namespace Otto.Hooks;

/// <summary>The words every layer uses when it refuses a change: what, whose, and how to ask for it.</summary>
public static class OwnershipMessages
{
    /// <param name="refused">Each refused path with what happened to it and why ("owned by task `core`").</param>
    public static string Refused(string actor, TaskRules rules, IReadOnlyList<(string Path, string What, string Why)> refused, string undo)
    {
        var text = new System.Text.StringBuilder();
        text.Append($"otto: {actor} outside what task `{rules.TaskId}` owns ({string.Join(", ", rules.OwnedPaths)}):\n");
        foreach (var (path, what, why) in refused) text.Append($"  {path} ({what}): {why}\n");
        text.Append(undo).Append('\n');
        text.Append(AmendmentRoute(refused.FirstOrDefault(r => !r.Why.Contains("symlink", StringComparison.Ordinal)).Path ?? refused[0].Path));
        return text.ToString();
    }

    /// <summary>How a task asks for a change in a path it does not own (contracts.md: status.json `amendments`).</summary>
    public static string AmendmentRoute(string path) => Ownership.AmendmentAdvice.For(path);
}
