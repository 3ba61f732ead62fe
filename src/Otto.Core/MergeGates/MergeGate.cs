using System.Globalization;
using Otto.Config;
using Otto.Git;
using Otto.Secrets;

namespace Otto.MergeGates;

/// <summary>
/// What a task's changes must pass before the integrator merges them, besides ownership: no file over
/// limits.max_file_size, no symlink out of the repository, and (unless otto.yaml says `secrets: allow`) no
/// secret in an added line. Reads the task's diff from git (the merge base to the task's commit) and
/// hands it to the pure rules; the refusal is an attempt failure of kind `contract` that the next attempt
/// can repair, so its text says what to do.
/// </summary>
public static class MergeGate
{
    /// <summary>Findings listed in a refusal; the rest are counted.</summary>
    public const int MaxListed = 20;

    /// <returns>The refusal text, or null when the changes may be merged.</returns>
    public static string? Refusal(GitRepo repo, string mergeBase, string taskCommit, OttoConfig config, Redactor redactor)
    {
        var entries = repo.Objects.Changes(mergeBase, taskCommit).Where(c => c.Status != 'D').ToList();
        var violations = FileGates.Violations(ChangedFiles(repo, entries), config.Limits.MaxFileSize).ToList();
        if (config.Secrets != "allow")
        {
            // Files already refused for their size are not read a line at a time.
            var skipped = violations.Where(v => v.Rule == GateViolation.MaxFileSizeRule).Select(v => v.Path).ToHashSet(StringComparer.Ordinal);
            violations.AddRange(SecretViolations(repo, mergeBase, taskCommit, entries, skipped, redactor));
        }
        return violations.Count == 0 ? null : Describe(violations);
    }

    /// <summary>At most this many changed (not added) files are named to `git diff` one by one; beyond, the
    /// whole range is diffed (a command line stays short).</summary>
    internal const int MaxNamedPaths = 200;

    /// <summary>
    /// Secrets in the added lines. In-process (libgit2), a file the range adds is read straight from the object
    /// database: all its lines are added ones, as the diff would list them (most tasks add files, and a `git
    /// diff` process is ~4 ms of every task's way to its merge); only the files it changes go through `git
    /// diff`, and none at all when it only adds. With the CLI back-end, one diff of the whole range.
    /// </summary>
    private static List<GateViolation> SecretViolations(GitRepo repo, string from, string to, IReadOnlyList<TreeChange> entries,
        IReadOnlySet<string> skipped, Redactor redactor)
    {
        var scanned = entries.Where(e => !skipped.Contains(e.Path)).ToList();
        if (scanned.Count == 0) return []; // only deletions, or only files refused for their size: no line to read
        var added = repo.Objects.InProcess ? scanned.Where(IsAddedFile).ToList() : [];
        var changed = scanned.Except(added).ToList();
        // A name that is not UTF-8 comes back with U+FFFD in place of its bytes: git would match no file by it,
        // so with one the whole range is diffed instead.
        if (added.Count > 0 && (changed.Count > MaxNamedPaths || changed.Any(c => c.Path.Contains('\uFFFD', StringComparison.Ordinal)))) added = [];
        var violations = new List<GateViolation>();
        repo.Objects.ReadBlobsText(added.Select(f => f.NewObject).ToList(),
            (i, text) => violations.AddRange(DiffSecretScan.Violations(AddedLines.OfNewFile(added[i].Path, text), redactor)));
        if (added.Count == 0) violations.AddRange(DiffSecretScan.Violations(AddedLines.Parse(Diff(repo, from, to, Excluding(skipped))), redactor));
        else if (changed.Count > 0) violations.AddRange(DiffSecretScan.Violations(AddedLines.Parse(Diff(repo, from, to, Only(changed))), redactor));
        // In path order, as one diff lists them: the first MaxListed a refusal names are the same either way.
        return [.. violations.OrderBy(v => v.Path, StringComparer.Ordinal).ThenBy(v => v.Line)];
    }

    /// <summary>A regular file the range adds (not a symlink, whose diff line is its target, nor a submodule).</summary>
    private static bool IsAddedFile(TreeChange change) => change.Status == 'A' && change.NewMode is "100644" or "100755";

    private static IEnumerable<string> Excluding(IEnumerable<string> paths) => [".", .. paths.Select(path => $":(exclude,literal,top){path}")];

    private static IEnumerable<string> Only(IEnumerable<TreeChange> changes) => changes.Select(c => $":(literal,top){c.Path}");

    public static string Describe(IReadOnlyList<GateViolation> violations)
    {
        var lines = new List<string> { "the task's changes were refused before merging:" };
        lines.AddRange(violations.Take(MaxListed).Select(v => "- " + v));
        if (violations.Count > MaxListed) lines.Add(string.Create(CultureInfo.InvariantCulture, $"- ... and {violations.Count - MaxListed} more"));
        var rules = violations.Select(v => v.Rule).ToHashSet(StringComparer.Ordinal);
        if (rules.Contains(GateViolation.MaxFileSizeRule))
            lines.Add("Keep files over limits.max_file_size out of the repository (or raise the limit in otto.yaml).");
        if (rules.Contains(GateViolation.SymlinkRule))
            lines.Add("Make each symlink point to a file inside the repository, or replace it with what it needs.");
        if (rules.Any(r => r is not (GateViolation.MaxFileSizeRule or GateViolation.SymlinkRule)))
            lines.Add("Take each secret out of the file (have the code read it from the environment); a project that means to commit them sets `secrets: allow` in otto.yaml.");
        return string.Join('\n', lines);
    }

    /// <summary>The added and changed files of the range, with their modes, sizes and link targets (in-process
    /// with libgit2; two git processes with the CLI back-end, and one per symlink).</summary>
    private static List<ChangedFile> ChangedFiles(GitRepo repo, IReadOnlyList<TreeChange> entries)
    {
        var sizes = repo.Objects.BlobSizes(entries.Where(e => e.NewMode != ChangedFile.GitlinkMode).Select(e => e.NewObject).Distinct().ToList());
        return entries.Select(e => new ChangedFile(e.Path, e.NewMode, sizes.GetValueOrDefault(e.NewObject),
            e.NewMode == ChangedFile.SymlinkMode ? TreeChange.LinkTarget(repo, e.NewObject) : null)).ToList();
    }

    /// <summary>The range's diff without context (only added and removed lines), binary files as text, every
    /// user setting that would change its form (external diff, text conversion, prefixes, colour) switched off.</summary>
    private static IEnumerable<string> Diff(GitRepo repo, string from, string to, IEnumerable<string> pathspecs)
    {
        var arguments = new List<string>
        {
            "-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--text",
            "--src-prefix=a/", "--dst-prefix=b/", from, to, "--",
        };
        arguments.AddRange(pathspecs);
        return GitLines.Read(repo.Root, arguments);
    }
}
