using Otto.Engine;
using Otto.Execution;
using Otto.Git;
using Otto.Hooks;
using Otto.Runs;

namespace Otto.Tests.Execution;

/// <summary>
/// issue 13: the worktree pool that outlives runs, on real git. A pooled worktree is reused (a checkout
/// switch that leaves unchanged files alone), handed out only clean (changes, untracked and ignored files,
/// `.ai/` and otto's task marker are gone), bounded, trimmed by `otto gc`, and a crash at any point of
/// taking or returning one leaves nothing half-used and loses no commit.
/// </summary>
public sealed class WorktreePoolTests : IDisposable
{
    private readonly TempRepo _repo = new();
    private readonly string _root;
    private readonly string _first;
    private readonly string _second;

    public WorktreePoolTests()
    {
        _first = _repo.Write("src/same.txt", "unchanged\n").Write("src/edit.txt", "one\n").Write(".gitignore", "build/\n").Commit("first");
        _second = _repo.Write("src/edit.txt", "two\n").Write("src/new.txt", "new\n").Commit("second");
        _root = Path.Combine(Path.GetDirectoryName(_repo.Root)!, "worktrees");
    }

    public void Dispose() => _repo.Dispose();

    private string Target(string name) => Path.Combine(_root, "run", name);

    /// <summary>A worktree as a finished run leaves it, returned to the pool.</summary>
    private string Pooled(string name, string commit)
    {
        var worktree = Target(name);
        _repo.Repo.AddDetachedWorktree(worktree, commit);
        var before = WorktreePool.Slots(_root);
        WorktreePool.Return(_repo.Repo, _root, 4, [worktree]);
        Assert.False(Directory.Exists(worktree), "returned, not copied");
        return Assert.Single(WorktreePool.Slots(_root), s => !before.Contains(s));
    }

    [Fact]
    public void A_pooled_worktree_is_switched_to_the_new_commit_touching_only_files_that_differ()
    {
        var slot = Pooled("planner", _first);
        var untouched = File.GetLastWriteTimeUtc(Path.Combine(slot, "src/same.txt"));
        var rewritten = File.GetLastWriteTimeUtc(Path.Combine(slot, "src/edit.txt"));
        var adminDir = new GitRepo(slot).GitDir;

        var target = Target("spare-1");
        Assert.True(WorktreePool.TryTake(_repo.Repo, _root, target, _second));

        Assert.Empty(WorktreePool.Slots(_root));
        Assert.Equal(adminDir, new GitRepo(target).GitDir); // the same worktree, moved: no new checkout
        Assert.Equal(_second, GitCli.Run(target, "rev-parse", "HEAD").EnsureOk().Line);
        Assert.Equal("two\n", File.ReadAllText(Path.Combine(target, "src/edit.txt")));
        Assert.Equal("new\n", File.ReadAllText(Path.Combine(target, "src/new.txt")));
        Assert.Equal(untouched, File.GetLastWriteTimeUtc(Path.Combine(target, "src/same.txt")));
        Assert.NotEqual(rewritten, File.GetLastWriteTimeUtc(Path.Combine(target, "src/edit.txt")));
        Assert.Equal("", GitCli.Run(target, "status", "--porcelain", "--ignored").EnsureOk().Stdout);
    }

    [Fact]
    public void A_dirty_pooled_worktree_is_cleaned_of_changes_leftovers_ai_and_the_task_marker_before_use()
    {
        var slot = Pooled("task", _first);
        File.WriteAllText(Path.Combine(slot, "src/edit.txt"), "an agent's uncommitted edit\n");
        File.WriteAllText(Path.Combine(slot, "stray.txt"), "untracked\n");
        Directory.CreateDirectory(Path.Combine(slot, "build"));
        File.WriteAllText(Path.Combine(slot, "build/out.o"), "ignored\n");
        Directory.CreateDirectory(Path.Combine(slot, ".ai"));
        File.WriteAllText(Path.Combine(slot, ".ai/status.json"), "{\"outcome\":\"success\"}\n");
        var gitDir = new GitRepo(slot).GitDir;
        File.WriteAllText(Path.Combine(gitDir, TaskWorktree.MarkerFile), "run r1\ntask old\n");
        File.WriteAllText(Path.Combine(gitDir, "MERGE_HEAD"), _first + "\n");

        var target = Target("_planner");
        Assert.True(WorktreePool.TryTake(_repo.Repo, _root, target, _first));

        Assert.Equal("one\n", File.ReadAllText(Path.Combine(target, "src/edit.txt")));
        Assert.False(File.Exists(Path.Combine(target, "stray.txt")));
        Assert.False(Directory.Exists(Path.Combine(target, "build")));
        Assert.False(Directory.Exists(Path.Combine(target, ".ai")));
        Assert.False(File.Exists(Path.Combine(gitDir, TaskWorktree.MarkerFile)));
        Assert.False(File.Exists(Path.Combine(gitDir, "MERGE_HEAD")));
        Assert.Null(TaskWorktree.Find(target)); // no hook takes it for the old task's worktree
    }

    [Fact]
    public void A_slot_that_cannot_be_used_is_refused_and_removed_and_the_next_one_is_taken()
    {
        Pooled("a", _first);
        // A crash while a slot was moved in: its folder is there, git's record of it points elsewhere.
        var broken = Path.Combine(WorktreePool.Dir(_root), "slot-0-broken");
        var stray = Target("b");
        _repo.Repo.AddDetachedWorktree(stray, _first);
        Directory.Move(stray, broken);
        File.WriteAllText(Path.Combine(broken, "stray.txt"), "half-moved\n");
        Assert.Equal(2, WorktreePool.Slots(_root).Count);

        var target = Target("spare-1");
        Assert.True(WorktreePool.TryTake(_repo.Repo, _root, target, _second));

        Assert.False(Directory.Exists(broken), "the broken slot is removed, never handed out");
        Assert.False(File.Exists(Path.Combine(target, "stray.txt")));
        Assert.Empty(WorktreePool.Slots(_root));
        Assert.False(WorktreePool.TryTake(_repo.Repo, _root, Target("spare-2"), _second), "an empty pool gives none");
        _repo.Git("worktree", "prune");
        var listed = _repo.Git("worktree", "list", "--porcelain");
        Assert.DoesNotContain("slot-", listed, StringComparison.Ordinal);
        Assert.Contains(target, listed, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pool_is_bounded_and_a_returned_branch_is_left_checked_out_nowhere()
    {
        var worktrees = Enumerable.Range(1, 3).Select(i => Target("t" + i)).ToList();
        foreach (var (worktree, i) in worktrees.Select((w, i) => (w, i)))
            _repo.Repo.AddWorktree(worktree, "otto/tasks/r1/t" + i, _second);

        WorktreePool.Return(_repo.Repo, _root, 2, worktrees);

        Assert.Equal(2, WorktreePool.Slots(_root).Count);
        Assert.All(worktrees, w => Assert.False(Directory.Exists(w)));
        foreach (var i in Enumerable.Range(0, 3))
        {
            Assert.True(_repo.TryGit("branch", "-D", "otto/tasks/r1/t" + i).Ok, "no pooled worktree holds the branch");
        }
        Assert.Equal(_second, _repo.Git("rev-parse", "main").Trim()); // nothing lost on main either
    }

    [Fact]
    public void A_take_interrupted_by_a_crash_is_cleared_on_the_next_take_and_no_commit_is_lost()
    {
        var slot = Pooled("a", _first);
        var target = Target("_planner");
        // The crash: the slot was moved out under its temporary name, and an agent's commit is on a branch
        // checked out there before (a failed run's task worktree returned by hand, say).
        _repo.Git("worktree", "move", slot, target + ".pool-taking");
        GitCli.Run(target + ".pool-taking", "checkout", "--quiet", "-b", "otto/tasks/r0/kept").EnsureOk();
        File.WriteAllText(Path.Combine(target + ".pool-taking", "work.txt"), "work\n");
        GitCli.Run(target + ".pool-taking", "add", "work.txt").EnsureOk();
        GitCli.Run(target + ".pool-taking", "commit", "--quiet", "-m", "work").EnsureOk();
        var work = GitCli.Run(target + ".pool-taking", "rev-parse", "HEAD").EnsureOk().Line;
        Assert.False(File.Exists(Path.Combine(target, ".git")), "nothing is in use under the target name");
        var fresh = Pooled("b", _first);

        Assert.True(WorktreePool.TryTake(_repo.Repo, _root, target, _second));

        Assert.False(Directory.Exists(target + ".pool-taking"));
        Assert.Equal(_second, GitCli.Run(target, "rev-parse", "HEAD").EnsureOk().Line);
        Assert.False(Directory.Exists(fresh));
        Assert.Equal(work, _repo.Git("rev-parse", "otto/tasks/r0/kept").Trim());
        Assert.Equal("", _repo.Git("fsck", "--no-progress", "--connectivity-only").Trim());
    }

    [Fact]
    public async Task Gc_trims_the_pool_to_worktree_pool_and_removes_broken_slots()
    {
        _repo.Write("otto.yaml", "worktree_root: " + Path.GetDirectoryName(_root) + "\nworktree_pool: 1\n").Commit("config");
        var root = WorktreeLayout.RootFor(_repo.Root, Path.GetDirectoryName(_root));
        var worktrees = Enumerable.Range(1, 3).Select(i => Path.Combine(root, "run", "w" + i)).ToList();
        foreach (var worktree in worktrees) _repo.Repo.AddDetachedWorktree(worktree, _second);
        WorktreePool.Return(_repo.Repo, root, 3, worktrees);
        Directory.CreateDirectory(Path.Combine(WorktreePool.Dir(root), "slot-0-empty"));
        var newest = WorktreePool.Slots(root)[^1];

        var actions = GarbageCollector.Plan(_repo.Repo, new OttoHome(_repo.Root), new GcOptions());
        var removals = actions.Where(a => a.What.StartsWith("remove pooled worktree", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, removals.Count);
        Assert.Equal(4, WorktreePool.Slots(root).Count); // planning changes nothing
        foreach (var action in actions.Where(a => a.Apply is not null)) await action.Apply!();

        Assert.Equal([newest], WorktreePool.Slots(root));
        _repo.Git("worktree", "prune");
        Assert.Equal(2, _repo.Git("worktree", "list", "--porcelain").Split('\n').Count(l => l.StartsWith("worktree ", StringComparison.Ordinal)));
    }
}
