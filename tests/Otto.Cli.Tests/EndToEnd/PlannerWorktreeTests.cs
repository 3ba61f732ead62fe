using Otto.Engine;
using Otto.Execution;
using Otto.Git;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>The planner's worktree, begun by `otto build` while it creates the run and asked for by the
/// driver and the first stage: made once, on the base commit, whoever comes first; an early checkout whose
/// run is not created is not left behind.</summary>
public sealed class PlannerWorktreeTests
{
    [Fact]
    public async Task Begun_early_and_asked_for_by_the_first_stage_at_once_it_is_made_once_on_the_base_commit()
    {
        var (project, run, planner) = await PlannedRun();
        using var _ = project;
        for (var round = 0; round < 5; round++)
        {
            run.Repo.RemoveWorktree(planner);

            var early = EarlyPlannerCheckout.Begin(run.Repo, run.Info.WorktreeRoot, poolSize: 0, run.Info.BaseSha);
            early.HandTo(run.Info);
            var got = PlannerWorktree.Ensure(run);

            Assert.Equal(planner, got);
            Assert.Equal(run.Info.BaseSha, new GitRepo(planner).Resolve("HEAD"));
            // The early thread ends having made it or found it made: never a second one, never one left half-made.
            await Eventually.WaitUntil(() => !Directory.Exists(planner + ".making") && LockIsFree(planner),
                TimeSpan.FromSeconds(30), "the early thread to let go of the planner's lock");
            // The first stage waited for the early checkout under the lock, and that checkout became the worktree.
            Assert.False(Directory.Exists(early.Dir), "the early checkout was moved into place");
            var listed = Worktrees(run);
            Assert.Single(listed, l => l.Contains("/_planner", StringComparison.Ordinal));
            Assert.DoesNotContain(listed, l => l.EndsWith(".making", StringComparison.Ordinal) || l.Contains("/early-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task One_left_half_made_by_a_killed_process_is_removed_and_made_again()
    {
        var (project, run, planner) = await PlannedRun();
        using var _ = project;
        run.Repo.RemoveWorktree(planner);
        // What `otto build` killed during the early checkout leaves: a registered worktree, beside the real one's place.
        run.Repo.Git("worktree", "add", "--detach", "--no-checkout", planner + ".making", run.Info.BaseSha).EnsureOk();

        var got = PlannerWorktree.Ensure(run);

        Assert.Equal(planner, got);
        Assert.False(Directory.Exists(planner + ".making"));
        Assert.True(File.Exists(Path.Combine(planner, "otto.yaml")), "the planner's worktree is checked out whole");
    }

    [Fact]
    public async Task An_early_checkout_whose_run_already_has_its_planner_worktree_goes_to_the_pool()
    {
        var (project, run, planner) = await PlannedRun(pool: 2);
        using var _ = project;
        var before = WorktreePool.Slots(run.Info.WorktreeRoot).Count;
        var early = EarlyPlannerCheckout.Begin(run.Repo, run.Info.WorktreeRoot, poolSize: 2, run.Info.BaseSha);

        early.HandTo(run.Info);

        await Eventually.WaitUntil(() => !Directory.Exists(early.Dir) && LockIsFree(planner), TimeSpan.FromSeconds(30), "the early checkout to be put away");
        Assert.Equal(before + 1, WorktreePool.Slots(run.Info.WorktreeRoot).Count);
        Assert.Equal(run.Info.BaseSha, new GitRepo(planner).Resolve("HEAD"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task An_early_checkout_whose_run_was_not_created_is_removed_or_given_back_to_the_pool(int pool)
    {
        var (project, run, _) = await PlannedRun(pool);
        using var __ = project;
        var root = run.Info.WorktreeRoot;
        if (pool > 0) WorktreePool.Return(run.Repo, root, pool, [Take(run, root)]); // so the early checkout comes from the pool
        var slots = WorktreePool.Slots(root).Count;
        Assert.Equal(pool > 0, slots > 0);
        var listed = Worktrees(run).Count;

        var early = EarlyPlannerCheckout.Begin(run.Repo, root, pool, run.Info.BaseSha);
        early.Dispose(); // the run's creation failed

        Assert.False(Directory.Exists(early.Dir));
        Assert.Equal(slots, WorktreePool.Slots(root).Count);
        Assert.Equal(listed, Worktrees(run).Count);
    }

    [Fact]
    public async Task An_early_checkout_left_by_a_killed_build_is_gcs_to_remove()
    {
        var (project, run, _) = await PlannedRun();
        using var __ = project;
        var root = run.Info.WorktreeRoot;
        var deadPid = await Processes.DeadPidAsync();
        var orphan = Path.Combine(WorktreePool.Dir(root), $"early-{deadPid}-0badf00d");
        var live = Path.Combine(WorktreePool.Dir(root), $"early-{Environment.ProcessId}-0000cafe");
        run.Repo.AddDetachedWorktree(orphan, run.Info.BaseSha);
        run.Repo.AddDetachedWorktree(live, run.Info.BaseSha);

        Assert.Equal([orphan], WorktreePool.Surplus(root, size: 4));

        var gc = await project.OttoAsync("gc");

        Assert.True(gc.ExitCode == 0, gc.ToString());
        Assert.Contains($"remove planner checkout {orphan} (the otto build that began it is gone)", gc.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(orphan), gc.ToString());
        Assert.True(Directory.Exists(live), "an early checkout whose build still runs is left alone");
        Assert.DoesNotContain(Worktrees(run), l => l.Contains("0badf00d", StringComparison.Ordinal));
    }

    private static string Take(RunContext run, string root)
    {
        var spare = Path.Combine(root, "spare-for-test");
        run.Repo.AddDetachedWorktree(spare, run.Info.BaseSha);
        return spare;
    }

    private static List<string> Worktrees(RunContext run) =>
        [.. run.Repo.Git("worktree", "list", "--porcelain").Stdout.Split('\n').Where(l => l.StartsWith("worktree ", StringComparison.Ordinal))];

    private static async Task<(OttoProject Project, RunContext Run, string Planner)> PlannedRun(int pool = 0)
    {
        var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: $"worktree_pool: {pool}\n");
        var run = await project.PlannedRunAsync();
        var planner = WorktreeLayout.StageWorktree(run.Info.WorktreeRoot, run.Info.RunId, "planner");
        Assert.True(File.Exists(Path.Combine(planner, ".git")), "a --plan-only run keeps its planner's worktree");
        return (project, run, planner);
    }

    private static bool LockIsFree(string planner)
    {
        using var free = Platform.FileLock.TryAcquire(Path.Combine(Path.GetDirectoryName(planner)!, ".planner.lock"));
        return free is not null;
    }
}
