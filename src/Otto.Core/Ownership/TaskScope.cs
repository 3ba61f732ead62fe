namespace Otto.Ownership;

/// <summary>
/// What one task may change, compiled once and asked path by path: its owned paths, minus shared files
/// unless it is a foundation task. The integrator (through <see cref="OwnershipRules"/>) and the hooks
/// ask this same question, so a hook never refuses what the integrator would let through, or the reverse.
/// </summary>
public sealed class TaskScope
{
    private readonly bool _isFoundation;
    private readonly IReadOnlyList<PathPattern> _owned;
    private readonly IReadOnlyList<PathPattern> _shared;

    public TaskScope(bool isFoundation, IReadOnlyList<string> ownedPaths, IReadOnlyList<string> sharedFiles)
    {
        _isFoundation = isFoundation;
        _owned = ownedPaths.Select(PathPattern.Parse).ToList();
        _shared = sharedFiles.Select(PathPattern.Parse).ToList();
    }

    public ScopeVerdict Judge(string path)
    {
        if (!_isFoundation && _shared.Any(s => s.Matches(path))) return ScopeVerdict.SharedFile;
        return _owned.Any(o => o.Matches(path)) ? ScopeVerdict.Allowed : ScopeVerdict.Outside;
    }

    public bool Allows(string path) => Judge(path) == ScopeVerdict.Allowed;
}

public enum ScopeVerdict
{
    Allowed,

    /// <summary>A shared file, which only a foundation task may change.</summary>
    SharedFile,

    /// <summary>Outside the task's owned paths.</summary>
    Outside,
}
