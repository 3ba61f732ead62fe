using Otto.Engine;
using Otto.Execution;
using Otto.Git;
using Otto.Runs;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>The planner's worktree, started by `otto build` as soon as the run exists and asked for by the
/// driver and the first stage: made once, on the base commit, whoever comes first.</summary>
public sealed class PlannerWorktreeTests
{
    [Fact]
    public async Task Started_early_and_asked_for_by_the_first_stage_at_once_it_is_made_once_on_the_base_commit()
    {
        var (project, run, planner) = await PlannedRun();
        using var _ = project;
        for (var round = 0; round < 5; round++)
        {
            run.Repo.RemoveWorktree(planner);

            PlannerWorktree.StartEarly(run.Repo, run.Info);
            var got = PlannerWorktree.Ensure(run);

            Assert.Equal(planner, got);
            Assert.Equal(run.Info.BaseSha, new GitRepo(planner).Resolve("HEAD"));
            // The early thread ends having made it or found it made: never a second one, never one left half-made.
            await Eventually.WaitUntil(() => !Directory.Exists(planner + ".making") && LockIsFree(planner),
                TimeSpan.FromSeconds(30), "the early thread to let go of the planner's lock");
            var listed = run.Repo.Git("worktree", "list", "--porcelain").Stdout.Split('\n').Where(l => l.StartsWith("worktree ", StringComparison.Ordinal)).ToList();
            Assert.Single(listed, l => l.Contains("/_planner", StringComparison.Ordinal));
            Assert.DoesNotContain(listed, l => l.EndsWith(".making", StringComparison.Ordinal));
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

    private static async Task<(OttoProject Project, RunContext Run, string Planner)> PlannedRun()
    {
        var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: "worktree_pool: 0\n");
        var planned = await project.OttoAsync("build", "--plan-only", "make the change the scenario describes");
        Assert.True(planned.ExitCode == 0, planned.ToString());
        var run = new RunContext(new RunPaths(Path.Combine(project.RunsDir, Assert.Single(project.RunIds()))), SilentObserver.Instance);
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
