using System.Globalization;
using Otto.Config;

namespace Otto.MergeGates;

/// <summary>
/// The merge rules on the files themselves: none bigger than limits.max_file_size, no symlink that points
/// outside the repository (an absolute target, a way out with `..`, or into `.git`). Pure.
/// </summary>
public static class FileGates
{
    public static IReadOnlyList<GateViolation> Violations(IEnumerable<ChangedFile> files, ByteSize maxFileSize)
    {
        var violations = new List<GateViolation>();
        foreach (var file in files)
        {
            if (file.Mode == ChangedFile.GitlinkMode) continue;
            if (file.IsSymlink && file.LinkTarget is { } target && PointsOutside(file.Path, target))
                violations.Add(new GateViolation(file.Path, null, GateViolation.SymlinkRule, $"a symlink to {target}, outside the repository"));
            else if (file.Size > maxFileSize.Bytes)
                violations.Add(new GateViolation(file.Path, null, GateViolation.MaxFileSizeRule, $"{new ByteSize(file.Size).Approximate()} ({file.Size.ToString(CultureInfo.InvariantCulture)} bytes), over the limit of {maxFileSize}"));
        }
        return violations;
    }

    /// <summary>Whether a link at <paramref name="linkPath"/> (repository-relative) resolves outside the
    /// repository's files, judged from its text alone (what it points to need not exist).</summary>
    public static bool PointsOutside(string linkPath, string target)
    {
        if (target.StartsWith('/') || target.StartsWith('~')) return true;
        var parts = new List<string>(linkPath.Split('/')[..^1]);
        foreach (var part in target.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return true;
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }
        return parts.Count > 0 && parts[0] == ".git";
    }
}
