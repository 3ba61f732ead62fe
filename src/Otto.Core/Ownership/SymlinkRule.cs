namespace Otto.Ownership;

/// <summary>
/// A symlink is a change of its own path, and also a way to reach elsewhere: one that leads out of the
/// repository (or into .git or .otto) lands content no owned path covers, so hooks and the integrator
/// refuse it wherever it is. Pure: the path and the link's target text.
/// </summary>
public static class SymlinkRule
{
    /// <summary>Why the symlink may not be committed, or null when it stays inside the repository.</summary>
    public static string? Problem(string path, string target)
    {
        if (target.Length == 0) return null;
        if (target.StartsWith('/') || target.StartsWith('~') || (target.Length > 1 && target[1] == ':'))
            return $"{path} is a symlink to {target}, which is outside the repository";
        var resolved = new List<string>(path.Split('/')[..^1]);
        foreach (var segment in target.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (resolved.Count == 0) return $"{path} is a symlink to {target}, which is outside the repository";
                resolved.RemoveAt(resolved.Count - 1);
            }
            else resolved.Add(segment);
        }
        return resolved.Count > 0 && resolved[0] is ".git" or ".otto"
            ? $"{path} is a symlink to {target}, inside {resolved[0]}, which no task may change"
            : null;
    }
}
