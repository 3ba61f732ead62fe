using Otto.Contracts;
using Otto.Engine;
using Otto.Git;
using Otto.Planning;
using Otto.Platform;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// A task's worktree: created on its branch from the integration tip the first time (then set up:
/// copied files, setup commands), reused by later attempts; cleaned of stale status files before each
/// agent; for a conflict fix, the merge with the integration branch is started in it.
/// </summary>
/// <param name="variant">In a best-of round, the variant (from 1); variant K from 2 up has its own worktree
/// (TASK.vK beside the task's) on its own branch (<see cref="BranchNames.Variant"/>).</param>
public sealed class TaskWorkspace(RunContext run, TaskState task, int variant = 1)
{
    private readonly Lazy<bool> _fallbackIsProjectFile = new(() => run.Repo.PathExistsIn(run.Info.BaseSha, StatusIngestor.Fallback));

    public string Dir { get; } = variant == 1 ? run.TaskWorktree(task.Id) : $"{run.TaskWorktree(task.Id)}.v{variant}";

    /// <summary>The branch this worktree works on.</summary>
    public string Branch { get; } = BranchNames.Variant(task.Branch, variant);

    public GitRepo Git => new(Dir);

    /// <summary>True when the project's base commit tracks a root status.json of its own (asked of git once).</summary>
    public bool FallbackIsProjectFile => _fallbackIsProjectFile.Value;

    /// <summary>Marks a worktree fully prepared (on its branch, set up) for this task.</summary>
    private string ReadyMarker => Path.Combine(run.Paths.TaskDir(task.Id), variant == 1 ? "worktree-ready" : $"worktree-ready.v{variant}");

    /// <summary>
    /// Makes the task's worktree ready: reuses it when it is (later attempts); otherwise takes over the
    /// worktree of a task already merged (switching a checkout costs a few files, a fresh `git worktree
    /// add` the whole repository), or adds a new one; then sets it up. Returns the setup problem, or null.
    /// Safe to repeat after a crash at any point: the marker is written only when all of it is done.
    /// </summary>
    public async Task<string?> EnsureAsync(string startPoint, string logDir, CancellationToken ct)
    {
        var exists = File.Exists(Path.Combine(Dir, ".git"));
        if (exists && ControlFile.Exists(ReadyMarker)) return null;
        var takeover = new WorktreeRecycler.Takeover(false, null);
        if (!exists)
        {
            if (Directory.Exists(Dir)) run.Repo.RemoveWorktree(Dir);
            takeover = await WorktreeRecycler.TryTakeOverAsync(run, task.Id, Dir, startPoint, ct).ConfigureAwait(false);
            if (!takeover.Taken)
            {
                run.Repo.PruneWorktrees();
                run.Repo.AddWorktree(Dir, Branch, startPoint);
            }
        }
        if (Git.CurrentBranch != Branch)
        {
            // A taken-over worktree, switched to this task's branch made fresh at the start point: a spare
            // already there only needs the branch (no file differs, none is left over); otherwise a checkout
            // of the files that differ, and a clean of what an earlier use left, unless it was a spare.
            if (takeover.CleanAt is { } at && at == startPoint) Git.AttachNewBranch(Branch, startPoint);
            else
            {
                Git.Git("checkout", "--quiet", "--force", "-B", Branch, startPoint).EnsureOk();
                if (takeover.CleanAt is null) Git.Git("clean", "-ffdxq").EnsureOk();
            }
        }
        if (await WorktreeSetup.RunAsync(run, Dir, logDir, ct).ConfigureAwait(false) is { } problem) return problem;
        Directory.CreateDirectory(Path.GetDirectoryName(ReadyMarker)!);
        ControlFile.Write(ReadyMarker, Dir);
        return null;
    }

    /// <summary>Status files of an earlier attempt must not be mistaken for this one's. `.ai/` is left empty,
    /// so an agent can write $OTTO_STATUS_FILE without creating its folder first.</summary>
    public void RemoveStaleStatus()
    {
        var ai = Path.Combine(Dir, ".ai");
        if (Directory.Exists(ai)) Directory.Delete(ai, recursive: true);
        Directory.CreateDirectory(ai);
        var fallback = Path.Combine(Dir, StatusIngestor.Fallback);
        if (!FallbackIsProjectFile && File.Exists(fallback)) File.Delete(fallback);
    }

    /// <summary>Tells otto's git hooks which task this worktree is for, and gives the agent's CLI its tool
    /// hook (see <see cref="Hooks.OwnershipGuards"/>). Before every attempt: the agent may have removed them.</summary>
    public void PrepareOwnershipGuards(string provider) =>
        Hooks.OwnershipGuards.Prepare(Dir, Git.GitDir, run.Info.RunId, task.Id, provider, Hooks.OttoCommand.Current(), AcceptedPlan.Latest(run.Paths.Dir)?.Path);

    /// <summary>Starts merging the integration branch in, leaving conflict markers for the fixing agent.</summary>
    public void StartConflictMerge(string integrationSha)
    {
        var git = Git;
        if (git.TryResolve("MERGE_HEAD") is not null) return;
        var identity = git.IdentityEnvironment() is null ? Array.Empty<string>() : ["-c", "user.name=otto", "-c", "user.email=otto@localhost"];
        git.Git([.. identity, "merge", "--no-ff", "--no-commit", "--no-verify", integrationSha]);
    }

    /// <summary>
    /// Both sides of each conflicting file, for the fix prompt: the regions between the conflict markers
    /// (ours = this task's branch, theirs = the merged work), at most <paramref name="maxChars"/> per file.
    /// A file with no markers (deleted on one side, say) says so.
    /// </summary>
    public IReadOnlyList<Dictionary<string, object?>> ConflictRegions(IEnumerable<string> paths, int maxChars = 4000)
    {
        var regions = new List<Dictionary<string, object?>>();
        foreach (var path in paths)
        {
            var file = Path.Combine(Dir, path);
            var text = new System.Text.StringBuilder();
            var inside = false;
            if (File.Exists(file))
            {
                foreach (var line in File.ReadLines(file))
                {
                    if (line.StartsWith("<<<<<<< ", StringComparison.Ordinal)) inside = true;
                    if (inside && text.Length <= maxChars) text.Append(line).Append('\n');
                    if (line.StartsWith(">>>>>>> ", StringComparison.Ordinal)) inside = false;
                }
            }
            var shown = text.Length == 0
                ? (File.Exists(file) ? "(no conflict markers: see `git status` and `git diff` in your worktree)" : "(deleted on one side)")
                : text.Length > maxChars ? text.ToString(0, maxChars) + "\n... (more in the file)" : text.ToString().TrimEnd('\n');
            regions.Add(new() { ["path"] = path, ["text"] = shown });
        }
        return regions;
    }

    /// <summary>Conflict markers left in the given files, as one sentence, or null.</summary>
    public string? RemainingConflictMarkers(IEnumerable<string> paths)
    {
        var marked = paths.Where(p =>
        {
            var file = Path.Combine(Dir, p);
            return File.Exists(file) && File.ReadLines(file).Any(l => l.StartsWith("<<<<<<< ", StringComparison.Ordinal) || l.StartsWith(">>>>>>> ", StringComparison.Ordinal));
        }).ToList();
        return marked.Count == 0 ? null : $"conflict markers remain in {string.Join(", ", marked)}";
    }
}
