namespace Otto.Platform;

/// <summary>
/// otto's small marker files (base_commit, worktree-ready, ...): written whole or not at all (a temp file
/// renamed into place), and read as missing when empty or blank — what a full disk or a crash mid-write
/// leaves — so the step that writes them is redone instead of trusted.
/// </summary>
public static class ControlFile
{
    public static string? Read(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static bool Exists(string path) => Read(path) is not null;

    public static void Write(string path, string value) => Runs.AtomicFile.Write(path, value.Trim() + "\n");
}
