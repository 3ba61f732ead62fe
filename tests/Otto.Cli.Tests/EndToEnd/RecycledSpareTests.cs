using Otto.Engine;
using Otto.Execution;
using Otto.Git;
using Otto.Runs;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>A merged task's worktree recycled into a spare: one a killed process left half-recycled goes back
/// at the run's end (to the pool, which verifies it again); one a live process is recycling is left to it.</summary>
public sealed class RecycledSpareTests
{
    [Fact]
    public async Task A_half_recycled_worktree_of_a_dead_process_is_returned_at_the_end_and_a_live_ones_is_left_to_it()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: "worktree_pool: 0\n");
        var planned = await project.OttoAsync("build", "--plan-only", "make the change the scenario describes");
        Assert.True(planned.ExitCode == 0, planned.ToString());
        var run = new RunContext(new RunPaths(Path.Combine(project.RunsDir, Assert.Single(project.RunIds()))), SilentObserver.Instance);
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync();
        var dead = run.StageWorktree($"recycling-{gone.Id}-t01-l1");
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
}
