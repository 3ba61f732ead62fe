using Otto.Execution;
using Otto.Git;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>A merged task's worktree recycled into a spare: one a killed process left half-recycled goes back
/// at the run's end (to the pool, which verifies it again); one a live process is recycling is left to it; a
/// task that merges twice (reopened for an amendment) does not put its second one inside the first.</summary>
public sealed class RecycledSpareTests
{
    [Fact]
    public async Task A_half_recycled_worktree_of_a_dead_process_is_returned_at_the_end_and_a_live_ones_is_left_to_it()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: "worktree_pool: 0\n");
        var run = await project.PlannedRunAsync();
        var deadPid = await Processes.DeadPidAsync();
        var dead = run.StageWorktree($"recycling-{deadPid}-t01-l1");
        var live = run.StageWorktree($"recycling-{Environment.ProcessId}-t02-l1");
        run.Repo.AddDetachedWorktree(dead, run.Info.BaseSha);
        run.Repo.AddDetachedWorktree(live, run.Info.BaseSha);

        var returned = WorktreeRecycler.SparesToReturn(run).ToList();

        Assert.Contains(dead, returned);
        Assert.DoesNotContain(live, returned);
        Assert.Contains(live, WorktreeRecycler.Spares(run)); // listed with the run's spares, for its maker to finish
        Assert.True(File.Exists(Path.Combine(dead, ".git")));
        Assert.Equal(run.Info.BaseSha, new GitRepo(dead).Resolve("HEAD"));
    }

    /// <summary>A task that starts while the worktree it would take is being recycled (the task before it in a
    /// chain has just merged) waits for it rather than check the whole repository out: on a 30,000-file
    /// repository one task of every chain a->b->c->d took 6.7-8.7 s for a fresh checkout where the others took
    /// 30-130 ms (before recycling: 80-110 ms each). One a dead process left is not waited for.</summary>
    [Fact]
    public async Task A_starting_task_waits_for_a_worktree_being_recycled_instead_of_checking_out_anew()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: "worktree_pool: 0\n");
        var run = await project.PlannedRunAsync();
        foreach (var other in WorktreeRecycler.Spares(run).Append(run.StageWorktree("planner")).ToList()) run.Repo.RemoveWorktree(other); // nothing else to take
        var deadPid = await Processes.DeadPidAsync();
        run.Repo.AddDetachedWorktree(run.StageWorktree($"recycling-{deadPid}-t01"), run.Info.BaseSha);
        var target = run.TaskWorktree("work");

        // Only a dead process's: nothing to wait for (the call returns before its first wait).
        var alone = WorktreeRecycler.TryTakeOverAsync(run, "work", target, run.Info.BaseSha, CancellationToken.None);
        Assert.True(alone.IsCompleted, "a half-recycled worktree of a dead process is not waited for");
        Assert.False((await alone).Taken);

        var recycling = run.StageWorktree($"recycling-{Environment.ProcessId}-t02");
        run.Repo.AddDetachedWorktree(recycling, run.Info.BaseSha);
        var taking = WorktreeRecycler.TryTakeOverAsync(run, "work", target, run.Info.BaseSha, CancellationToken.None);
        Assert.False(taking.IsCompleted, "a worktree a live process is recycling is waited for");
        run.Repo.Git("worktree", "move", recycling, run.StageWorktree("spare-r-t02")).EnsureOk(); // the recycling ends

        var taken = await taking;
        Assert.True(taken.Taken);
        Assert.Equal(run.Info.BaseSha, taken.CleanAt);
        Assert.Equal(run.Info.BaseSha, new GitRepo(target).Resolve("HEAD"));
    }

    /// <summary>core merges while stats works (its worktree becomes `_spare-r-core`, which nobody takes: the
    /// later tasks wait for stats), stats asks core for an amendment, core's second attempt takes another spare
    /// and merges again: its worktree is recycled to the same name while the first is still there. `git
    /// worktree move` into an existing folder moves the worktree inside it, so the later task that takes
    /// `_spare-r-core` (with no clean) found a whole second checkout in it, committed it as a gitlink and failed
    /// on ownership three times: the run failed. The second is removed instead, as a spare made twice is.</summary>
    [Fact]
    public async Task A_task_merged_twice_does_not_recycle_its_worktree_into_the_spare_of_its_first_merge()
    {
        using var seen = new TempDir();
        var listing = Path.Combine(seen.Path, "later.txt");
        using var project = OttoProject.Create(AmendedTwiceScenario(listing), extraYaml: "worktree_pool: 0\n");

        var result = await project.OttoAsync("build", "--concurrency", "4", "make the change the scenario describes");

        var run = project.SingleRun();
        Assert.Equal(2, run.EventsOf("task_merged", "core").Count); // the situation under test did arise
        Assert.True(result.ExitCode == 0, result.ToString() + "\nthe later tasks saw:\n" + File.ReadAllText(listing));
        Assert.DoesNotContain("_recycling-", File.ReadAllText(listing), StringComparison.Ordinal); // what the later tasks' agents saw
        Assert.DoesNotContain("_recycling-", project.Repo.Git("ls-tree", "-r", "--name-only", run.IntegrationBranch), StringComparison.Ordinal);
    }

    private static string AmendedTwiceScenario(string listing) => $$"""
        classification: { kind: feature, size: small, single_task: false }
        plan:
          summary: a core and a feature side by side, then two tasks on both
          tasks:
            - { id: core, title: Core, description: lib/calc.sh with add, role: feature, depends_on: [], owned_paths: [lib/calc.sh], acceptance: [add works] }
            - { id: stats, title: Stats, description: lib/stats.sh with diff, role: feature, depends_on: [], owned_paths: [lib/stats.sh], acceptance: [diff works] }
            - { id: later1, title: Later one, description: lib/l1.sh, role: feature, depends_on: [core, stats], owned_paths: [lib/l1.sh], acceptance: [it exists] }
            - { id: later2, title: Later two, description: lib/l2.sh, role: feature, depends_on: [core, stats], owned_paths: [lib/l2.sh], acceptance: [it exists] }
        tasks:
          core:
            # Merges only once stats works beside it, so that its worktree stays a spare nobody takes.
            - run: [ "i=0; while [ ! -e ../stats/.git ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done" ]
              files: { lib/calc.sh: "add() { echo $(( $1 + $2 )); }\n" }
              status: { outcome: success, summary: add }
            - files: { lib/calc.sh: "add() { echo $(( $1 + $2 )); }\nsub() { echo $(( $1 - $2 )); }\n" }
              status: { outcome: success, summary: added sub }
          stats:
            # Asks only once core's first worktree is a spare (or after a minute, when recycling changed).
            - run: [ "i=0; while [ ! -e ../_spare-r-core/.git ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done" ]
              files: { lib/stats.sh: "# waits for sub\n" }
              status:
                outcome: fail
                failure_reason: lib/calc.sh has no sub
                amendments: [ { path: lib/calc.sh, change: "add sub A B", reason: "diff is built on it" } ]
            - files: { lib/stats.sh: ". ./lib/calc.sh\ndiff() { sub \"$1\" \"$2\"; }\n" }
              status: { outcome: success, summary: diff on top of sub }
          later1:
            - run: [ "ls -A >> '{{listing}}'" ]
              files: { lib/l1.sh: "# one\n" }
              status: { outcome: success, summary: one }
          later2:
            - run: [ "ls -A >> '{{listing}}'" ]
              files: { lib/l2.sh: "# two\n" }
              status: { outcome: success, summary: two }

        """;
}
