namespace Otto.Hooks;

/// <summary>The git hooks otto guards, and the ones it only passes through when it owns core.hooksPath.</summary>
public static class GitHookNames
{
    public const string PreCommit = "pre-commit";
    public const string CommitMsg = "commit-msg";
    public const string PrePush = "pre-push";
    public const string ReferenceTransaction = "reference-transaction";

    public static readonly IReadOnlyList<string> Guarded = [PreCommit, CommitMsg, PrePush, ReferenceTransaction];

    /// <summary>
    /// Client-side hooks that behave the same absent or present-and-exiting-0, so a pass-through for each
    /// can sit in otto's hooks folder: hooks the repository adds later to its own folder still run.
    /// (push-to-checkout and proc-receive change git's behaviour by merely existing: they get a
    /// pass-through only when the repository has them.)
    /// </summary>
    public static readonly IReadOnlyList<string> PassThrough =
    [
        "applypatch-msg", "pre-applypatch", "post-applypatch", "prepare-commit-msg", "post-commit",
        "pre-merge-commit", "pre-rebase", "post-checkout", "post-merge", "post-rewrite", "pre-auto-gc",
        "post-index-change", "sendemail-validate", "pre-receive", "update", "post-receive", "post-update",
        "p4-changelist", "p4-prepare-changelist", "p4-post-changelist", "p4-pre-submit",
    ];

    /// <summary>Names git runs as hooks (githooks(5), git 2.39), so a file with another name is no hook.</summary>
    public static bool IsHookName(string name) =>
        Guarded.Contains(name) || PassThrough.Contains(name) || name is "push-to-checkout" or "proc-receive" or "fsmonitor-watchman";
}
