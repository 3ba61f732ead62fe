namespace Otto.MergeGates;

/// <summary>A file as a task's commit has it, for a path the task added or changed (deleted paths are not
/// listed): its git mode, size in bytes, and for a symlink where it points.</summary>
public sealed record ChangedFile(string Path, string Mode, long Size, string? LinkTarget)
{
    public const string SymlinkMode = "120000";

    /// <summary>A submodule entry: a commit id, not a file.</summary>
    public const string GitlinkMode = "160000";

    public bool IsSymlink => Mode == SymlinkMode;
}
