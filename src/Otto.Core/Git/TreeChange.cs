namespace Otto.Git;

/// <summary>
/// One entry of `git diff --raw -z --no-renames --no-abbrev`: a path with its old and new mode and
/// object. Modes say what plain names hide: a symlink (120000), a submodule (160000), a mode change.
/// </summary>
public sealed record TreeChange(string Path, string OldMode, string NewMode, string OldObject, string NewObject, char Status)
{
    public const string SymlinkMode = "120000";
    public const string GitlinkMode = "160000";

    public bool IsSymlink => NewMode == SymlinkMode;

    /// <summary>In words, for messages: "deleted", "a new symlink", "mode 100644 -> 100755" ...</summary>
    public string Description => Status switch
    {
        'A' when NewMode == GitlinkMode => "a new submodule (gitlink)",
        'A' when IsSymlink => "a new symlink",
        'A' => "added",
        'D' => "deleted",
        'T' => $"type changed ({ModeName(OldMode)} -> {ModeName(NewMode)})",
        _ when NewMode == GitlinkMode => "submodule (gitlink) moved",
        _ when OldMode != NewMode => $"mode changed ({OldMode} -> {NewMode})",
        _ => "modified",
    };

    private static string ModeName(string mode) => mode switch
    {
        SymlinkMode => "symlink",
        GitlinkMode => "submodule",
        "100755" => "executable file",
        _ => "file",
    };

    /// <summary>Parses NUL-separated raw diff output: ":OLD NEW OLDOBJ NEWOBJ STATUS\0PATH\0" per entry.</summary>
    public static IReadOnlyList<TreeChange> ParseRaw(string output)
    {
        var fields = output.Split('\0');
        var changes = new List<TreeChange>();
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var header = fields[i].TrimStart('\n');
            if (!header.StartsWith(':')) break;
            var parts = header[1..].Split(' ');
            if (parts.Length < 5) throw new FormatException($"unexpected raw diff line: {header}");
            changes.Add(new TreeChange(fields[i + 1], parts[0], parts[1], parts[2], parts[3], parts[4][0]));
        }
        return changes;
    }

    /// <summary>The changes between two commits (three dots: from their merge base), or staged against a commit.</summary>
    public static IReadOnlyList<TreeChange> Between(GitRepo repo, params string[] revisions) =>
        ParseRaw(repo.Git(["diff", "--raw", "-z", "--no-renames", "--no-abbrev", .. revisions]).EnsureOk().Stdout);

    /// <summary>A symlink's target: the text of its blob (symlinks are rare, so one `git cat-file` each).</summary>
    public static string LinkTarget(GitRepo repo, string blob) => repo.Git("cat-file", "blob", blob).EnsureOk().Stdout;
}
