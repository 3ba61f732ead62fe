using System.Globalization;
using Otto.Engine;
using Otto.Execution;
using Otto.Git;
using Otto.Platform;
using Otto.Runs;

namespace Otto.Integration;

/// <summary>
/// A run's learnings as the last commit of its integration branch, when the base commit tracks
/// learnings.path. The final check prepares the commit on the head it is about to verify (plumbing only: a
/// scratch index and commit-tree; no worktree, index or ref of the user's is touched) and verifies that commit
/// instead. Only when it passes does the branch move onto it — under the run lock, compare-and-swap from
/// otto's recorded head, recorded together with the verdict — so the learnings land once, after every
/// task's commit, and the head otto reports is the commit it verified. A failed check lands nothing: the
/// next check prepares the commit again on whatever the head is then. A move otto made but did not record
/// (a crash in between) is recognised by its parent, trailers and single changed path, and recorded.
/// </summary>
public sealed class LearningsCommit(RunContext run)
{
    public const string Trailer = "Otto-Learnings";

    public sealed record Candidate(string Commit, string Parent, string Path, int Count);

    private string Reference => "refs/heads/" + run.Info.IntegrationBranch;

    /// <returns>The commit to verify in place of <paramref name="tip"/>, or null when the learnings are not
    /// tracked or the run learned nothing the file does not already say.</returns>
    public Candidate? Prepare(RunState state, string tip, string scratchDir)
    {
        if (Learnings.TrackedText(run) is null) return null;
        var learned = Learnings.OfRun(run.Paths);
        if (learned.Count == 0) return null;
        var path = run.Config.Learnings.Path;
        // The file as the branch has it now (a task may have changed it), not as the base had it.
        var current = run.Repo.Git("cat-file", "blob", $"{tip}:{path}");
        var (document, added) = LearningsDocument.Parse(current.Ok ? current.Stdout : "").Add(state.RunId, state.Intent, learned);
        if (added == 0) return null;
        var tree = TreeWith(tip, path, document.Render(), scratchDir);
        return new Candidate(run.Repo.CommitTree(tree, [tip], Message(state.RunId, path, added)), tip, path, added);
    }

    /// <summary>Moves the branch onto the verified candidate and records it with the verdict and the stage's end.</summary>
    /// <returns>False when the branch was not where otto left it: recorded as an integrity problem that stops the run.</returns>
    public bool Land(Candidate candidate, IntegrationVerified verified, StageFinished finished)
    {
        var landed = false;
        run.Journal.Commit(state =>
        {
            if (state.IntegrationHead == candidate.Parent && run.Repo.UpdateRef(Reference, candidate.Commit, candidate.Parent))
            {
                CrashPoint.Here("learnings-branch-moved");
                landed = true;
                return [new NewEvent(new LearningsCommitted(candidate.Commit, candidate.Parent, candidate.Path, candidate.Count)), new NewEvent(verified), new NewEvent(finished)];
            }
            var problem = BranchCheck.Problem(run, state) ?? $"{Reference} moved while otto was verifying it";
            return [new NewEvent(new IntegrityWarning("integration_branch", problem, Stops: true)), new NewEvent(finished)];
        });
        return landed;
    }

    /// <summary>Records a learnings commit of this run that is on the branch but not in the log (a crash
    /// between moving the branch and recording it), so the branch and otto's record agree again.</summary>
    public void RecordUnrecorded() => run.Journal.Commit(state => Unrecorded(state) is { } found ? [found] : []);

    private NewEvent? Unrecorded(RunState state)
    {
        var path = run.Config.Learnings.Path;
        if (state.IntegrationHead is not { } recorded || run.Repo.TryResolve(Reference) is not { } found || found == recorded) return null;
        var parents = run.Repo.Git("rev-list", "--parents", "-n", "1", found).Line.Split(' ');
        if (parents.Length != 2 || parents[1] != recorded) return null;
        var message = run.Repo.Git("log", "-1", "--format=%B", found).Stdout;
        if (!message.Contains($"Otto-Run: {run.Info.RunId}\n", StringComparison.Ordinal) || !message.Contains($"{Trailer}: {path}\n", StringComparison.Ordinal)) return null;
        if (run.Repo.ChangedPaths(recorded, found) is not [var only] || only != path) return null;
        var added = run.Repo.Git("diff", recorded, found, "--", path).Stdout.Split('\n').Count(l => l.StartsWith("+- ", StringComparison.Ordinal));
        return new NewEvent(new LearningsCommitted(found, recorded, path, added));
    }

    /// <summary>The tree of <paramref name="tip"/> with one file's content replaced, through a scratch index.</summary>
    private string TreeWith(string tip, string path, string content, string scratchDir)
    {
        var listed = run.Repo.Git("ls-tree", tip, "--", path).Line;
        var mode = listed.Split(' ')[0] is "100755" ? "100755" : "100644";
        var blob = run.Repo.GitWithInput(content, "hash-object", "-w", "--stdin").EnsureOk().Line;
        var index = Path.Combine(scratchDir, $"learnings-index.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var scratch = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = index };
        try
        {
            GitCli.Run(run.Repo.Root, ["read-tree", tip], null, scratch).EnsureOk();
            GitCli.Run(run.Repo.Root, ["update-index", "--add", "--cacheinfo", $"{mode},{blob},{path}"], null, scratch).EnsureOk();
            return GitCli.Run(run.Repo.Root, ["write-tree"], null, scratch).EnsureOk().Line;
        }
        finally
        {
            File.Delete(index);
        }
    }

    public static string Message(string runId, string path, int added) =>
        $"otto: learnings of run {runId} ({added.ToString(CultureInfo.InvariantCulture)} new) in {path}\n\n" +
        $"What the agents of run {runId} learned while they worked, added to {path} so that later runs\n" +
        "(their planners and agents) start from it. Review it like the rest: edit or drop what is wrong.\n\n" +
        $"Otto-Run: {runId}\n{Trailer}: {path}\n";
}
