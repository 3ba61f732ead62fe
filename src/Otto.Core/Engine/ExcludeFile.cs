using Otto.Git;

namespace Otto.Engine;

/// <summary>Keeps `.otto/` out of the user's `git status` via .git/info/exclude (never their .gitignore).</summary>
public static class ExcludeFile
{
    public const string Entry = "/.otto/";

    public static void Ensure(GitRepo repo)
    {
        var path = Path.Combine(repo.CommonDir, "info", "exclude");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        if (lines.Any(l => l.Trim() is Entry or ".otto/" or ".otto" or "/.otto")) return;
        var prefix = lines.Length > 0 && new FileInfo(path).Length > 0 && !File.ReadAllText(path).EndsWith('\n') ? "\n" : "";
        File.AppendAllText(path, $"{prefix}# otto's run folders\n{Entry}\n");
    }
}
