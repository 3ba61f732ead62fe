namespace Otto.Git;

/// <summary>What `git status` reports for a checkout: changed tracked paths and untracked files.</summary>
public sealed record WorkingTreeChanges(IReadOnlyList<string> Tracked, IReadOnlyList<string> Untracked);
