using Otto.Git;

namespace Otto.Engine;

/// <summary>Keeps otto's own folders (and, for `otto init`, install folders such as node_modules) out of
/// `git status` via .git/info/exclude, shared by every worktree (never the user's .gitignore).</summary>
public static class ExcludeFile
{
    public const string Entry = "/.otto/";

    public static void Ensure(GitRepo repo) => EnsureEntry(repo, Entry, "otto's run folders");

    /// <summary>Adds a gitignore pattern unless the file lists it already (with or without slashes).</summary>
    public static void EnsureEntry(GitRepo repo, string pattern, string comment)
    {
        var path = Path.Combine(repo.CommonDir, "info", "exclude");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        if (lines.Any(l => l.Trim().Trim('/') == pattern.Trim('/'))) return;
        var prefix = lines.Length > 0 && new FileInfo(path).Length > 0 && !File.ReadAllText(path).EndsWith('\n') ? "\n" : "";
        File.AppendAllText(path, $"{prefix}# {comment}\n{pattern}\n");
    }

    /// <summary>Whether git ignores what a folder pattern (`/node_modules/`, `*.egg-info/`) names already,
    /// by the repository's .gitignore, its exclude file or the user's global excludes.</summary>
    public static bool IsIgnored(GitRepo repo, string pattern) =>
        repo.Git("check-ignore", "-q", "--no-index", pattern.Trim('/').Replace("*", "otto", StringComparison.Ordinal) + "/otto-probe").Ok;
}
