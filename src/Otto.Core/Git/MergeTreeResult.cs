namespace Otto.Git;

/// <summary>The outcome of `git merge-tree --write-tree -z --name-only`.</summary>
public sealed record MergeTreeResult(bool Clean, string? Tree, IReadOnlyList<string> ConflictedPaths, IReadOnlyList<string> Messages)
{
    /// <summary>A clean merge whose tree is known without asking git.</summary>
    public static MergeTreeResult Of(string tree) => new(true, tree, [], []);

    public static MergeTreeResult Parse(GitResult result)
    {
        if (result.ExitCode is not (0 or 1)) throw new GitException(result);
        // Output: TREE NUL [path NUL]... NUL [count NUL path NUL x count, type NUL message NUL]...
        var parts = result.Stdout.Split('\0');
        var tree = parts[0];
        var paths = new List<string>();
        var i = 1;
        for (; i < parts.Length && parts[i].Length > 0; i++) paths.Add(parts[i]);
        i++;
        var messages = new List<string>();
        while (i < parts.Length && int.TryParse(parts[i], out var count))
        {
            i += 1 + count + 1; // count, the paths, the message type
            if (i < parts.Length) messages.Add(parts[i].TrimEnd('\n'));
            i++;
        }
        return new MergeTreeResult(result.ExitCode == 0, tree, paths.Distinct(StringComparer.Ordinal).ToList(), messages);
    }
}
