namespace Otto.MergeGates;

/// <summary>One reason a task's changes may not be merged: where (file, and line for a secret), which rule,
/// and what is wrong, in words that never repeat a secret.</summary>
public sealed record GateViolation(string Path, int? Line, string Rule, string Problem)
{
    public const string MaxFileSizeRule = "limits.max_file_size";
    public const string SymlinkRule = "symlink-outside-repository";

    public override string ToString() => (Line is { } line ? $"{Path}:{line}" : Path) + $": {Problem} (rule: {Rule})";
}
