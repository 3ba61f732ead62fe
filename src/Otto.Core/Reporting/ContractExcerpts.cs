using Otto.Engine;
using Otto.Git;
using Otto.Ownership;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// What a task's prompt shows of the contracts it builds on: the files of every contract another task owns
/// and has merged, read from the integration head, bounded so that a large interface cannot crowd out the
/// task itself (at most <see cref="MaxFiles"/> files, <see cref="MaxLines"/> lines or
/// <see cref="MaxFileChars"/> characters of each, <see cref="MaxTotalChars"/> in all; what is cut says so).
/// </summary>
public static class ContractExcerpts
{
    public const int MaxFiles = 8;
    public const int MaxLines = 80;
    public const int MaxFileChars = 4000;
    public const int MaxTotalChars = 12000;

    /// <summary>The `contracts` of a task prompt, or null when it builds on none.</summary>
    public static IReadOnlyList<Dictionary<string, object?>>? For(RunContext run, RunState state, TaskState task)
    {
        var frozen = state.Contracts.Where(c => c.Owner != task.Id && state.Task(c.Owner)?.MergedCommit is not null).ToList();
        if (frozen.Count == 0 || state.IntegrationHead is not { } head) return null;
        var files = new List<(string Path, string Owner, string Text)>();
        foreach (var contract in frozen)
        {
            foreach (var path in FilesOf(run.Repo, head, contract.Path).Where(p => files.All(f => f.Path != p)))
                files.Add((path, contract.Owner, run.Repo.Git("cat-file", "blob", $"{head}:{path}").Stdout));
        }
        var shown = Bound(files, head);
        return shown.Count == 0 ? null : shown;
    }

    /// <summary>The files a contract path names at a commit: the file, the files below a folder, or a glob's matches.</summary>
    private static IEnumerable<string> FilesOf(GitRepo repo, string commit, string contract)
    {
        var pattern = PathPattern.Parse(contract);
        var literal = string.Join('/', pattern.Text.TrimEnd('/').Split('/').TakeWhile(s => s.IndexOfAny(['*', '?']) < 0));
        var listed = repo.Git(["ls-tree", "-r", "--name-only", "-z", commit, .. literal.Length == 0 ? Array.Empty<string>() : ["--", literal]]);
        return listed.Ok ? listed.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(pattern.Matches).Order(StringComparer.Ordinal) : [];
    }

    /// <summary>The files as the prompt shows them, in order, within the bounds. Pure.</summary>
    /// <param name="commit">Where the files were read: the prompt says how to read a whole file there.</param>
    public static IReadOnlyList<Dictionary<string, object?>> Bound(IReadOnlyList<(string Path, string Owner, string Text)> files, string commit)
    {
        var shown = new List<Dictionary<string, object?>>();
        var total = 0;
        foreach (var (path, owner, text) in files)
        {
            var room = Math.Min(MaxFileChars, MaxTotalChars - total);
            if (shown.Count == MaxFiles || room <= 0)
            {
                shown.Add(new() { ["path"] = path, ["owner"] = owner, ["text"] = null, ["note"] = $"not shown, for room: `git show {commit}:{path}`" });
                continue;
            }
            var (excerpt, note) = text.Contains('\0', StringComparison.Ordinal) ? ("", "a binary file") : Excerpt(text, room, $"`git show {commit}:{path}`");
            total += excerpt.Length;
            shown.Add(new() { ["path"] = path, ["owner"] = owner, ["text"] = excerpt, ["note"] = note });
        }
        return shown;
    }

    /// <summary>The file's first lines that fit, and what was left out (null: nothing).</summary>
    private static (string Text, string? Note) Excerpt(string text, int maxChars, string whole)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        var kept = new System.Text.StringBuilder();
        var count = 0;
        while (count < lines.Length && count < MaxLines && kept.Length + lines[count].Length + 1 <= maxChars)
            kept.Append(lines[count++]).Append('\n');
        var excerpt = kept.ToString().TrimEnd('\n');
        return count == lines.Length ? (excerpt, null) : (excerpt, $"its first {count} of {lines.Length} lines; all of it: {whole}");
    }
}
