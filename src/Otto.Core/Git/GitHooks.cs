namespace Otto.Git;

/// <summary>
/// Whether git would run a given hook in a repository or worktree: an executable file of that name in
/// `core.hooksPath` (a worktree's own config.worktree first, then the repository's config) or else in the
/// shared `hooks/` folder. Read from the files, without starting git; used to keep operations that a hook
/// must see on the git CLI (libgit2 runs no hooks).
/// </summary>
public static class GitHooks
{
    public static bool Has(string root, string hook)
    {
        var gitDir = new GitRepo(root).GitDir;
        var commonDir = CommonDir(gitDir);
        var hooksPath = HooksPath(Path.Combine(gitDir, "config.worktree")) ?? HooksPath(Path.Combine(commonDir, "config"));
        var dir = hooksPath is null ? Path.Combine(commonDir, "hooks") : Path.IsPathRooted(hooksPath) ? hooksPath : Path.Combine(root, hooksPath);
        var file = Path.Combine(dir, hook);
        return File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
    }

    private static string CommonDir(string gitDir)
    {
        var marker = Path.Combine(gitDir, "commondir");
        if (!File.Exists(marker)) return gitDir;
        var dir = File.ReadAllText(marker).Trim();
        return Path.GetFullPath(Path.IsPathRooted(dir) ? dir : Path.Combine(gitDir, dir));
    }

    /// <summary>`hooksPath` of the [core] section of a git config file, or null. Enough of git's config syntax
    /// for this one key: sections, `key = value`, comments, quotes; `~/` expanded.</summary>
    private static string? HooksPath(string configFile)
    {
        if (!File.Exists(configFile)) return null;
        string? section = null, found = null;
        foreach (var raw in File.ReadLines(configFile))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[')
            {
                section = line.Trim('[', ']').Trim().ToLowerInvariant();
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section != "core" || equals < 0 || !line[..equals].Trim().Equals("hookspath", StringComparison.OrdinalIgnoreCase)) continue;
            found = line[(equals + 1)..].Trim().Trim('"');
        }
        if (found is { Length: > 1 } && found.StartsWith("~/", StringComparison.Ordinal))
            found = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), found[2..]);
        return found is { Length: > 0 } ? found : null;
    }
}
