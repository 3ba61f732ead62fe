using System.Collections.Concurrent;
using Otto.Engine;
using Otto.Git;
using Otto.Platform;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// Where a repository keeps what agents learned, across runs (`learnings.path`). When the run's base commit
/// tracks that file, it lives in git: planners and agents read the base commit's version, and a successful
/// run proposes its new learnings as the last commit of its branch (<see cref="Integration.LearningsCommit"/>),
/// for a human to review in the PR. Otherwise it is .otto/learnings.md, outside git, which a successful run
/// adds to at its end. Either way it is a <see cref="LearningsDocument"/>: deduplicated, attributed, bounded.
/// </summary>
public static class Learnings
{
    /// <summary>The tracked file's text by (repository, commit, path): a commit never changes.</summary>
    private static readonly ConcurrentDictionary<(string Repo, string Commit, string Path), string?> Tracked = new();

    /// <summary>The tracked file's text in the base commit, or null when learnings live in .otto/learnings.md.</summary>
    public static string? TrackedText(RunContext run) => TrackedText(run.Repo, run.Info.BaseSha, run.Config.Learnings.Path);

    public static string? TrackedText(GitRepo repo, string commit, string path) =>
        Tracked.GetOrAdd((repo.Root, commit, path), key =>
        {
            var blob = repo.Git("cat-file", "blob", $"{key.Commit}:{key.Path}");
            return blob.Ok ? blob.Stdout : null;
        });

    /// <summary>What planners and agents are given: the base commit's file when tracked, else .otto/learnings.md.</summary>
    /// <returns>The text (empty when there is none) and where it comes from, as a reader should look for it.</returns>
    public static (string Text, string Source) Read(RunContext run)
    {
        if (TrackedText(run) is { } tracked) return (tracked, run.Config.Learnings.Path);
        var file = new OttoHome(run.Info.RepoRoot).Learnings;
        return (File.Exists(file) ? File.ReadAllText(file) : "", Path.GetRelativePath(run.Info.RepoRoot, file));
    }

    /// <summary>This run's learnings so far, each `- [task] text` (from the run's context.md).</summary>
    public static IReadOnlyList<string> OfRun(RunPaths paths) =>
        ContextFile.Read(paths.Context).Split('\n').Where(LearningsDocument.IsEntry).ToList();

    /// <summary>At the end of a successful run whose learnings are not tracked: adds the new ones to
    /// .otto/learnings.md (a tracked file got them in the run's last commit instead).</summary>
    public static void Record(RunContext run, RunState state)
    {
        if (TrackedText(run) is not null) return;
        var learned = OfRun(run.Paths);
        if (learned.Count == 0) return;
        var path = new OttoHome(run.Info.RepoRoot).Learnings;
        using var guard = FileLock.Acquire(path + ".lock"); // two runs may end at the same time
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var (document, added) = LearningsDocument.Parse(existing).Add(state.RunId, state.Intent, learned);
        if (added > 0) AtomicFile.Write(path, document.Render());
    }
}
