using Otto.Engine;
using Otto.Execution;
using Otto.Runs;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>Spares are made on threads of their own: whatever goes wrong while one is made (here: the run's
/// end returning the `_making-*` worktree it is switching to the pool, so git's working directory is gone
/// and Process.Start throws Win32Exception) must not end the process.</summary>
public sealed class SpareWorktreeTests
{
    [Fact]
    public async Task Spares_being_made_while_the_run_end_returns_them_do_not_end_the_process()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: "worktree_pool: 8\n");
        var planned = await project.OttoAsync("build", "--plan-only", "make the change the scenario describes");
        Assert.True(planned.ExitCode == 0, planned.ToString());
        var paths = new RunPaths(Path.Combine(project.RunsDir, Assert.Single(project.RunIds())));
        var run = new RunContext(paths, SilentObserver.Instance);
        var root = run.Info.WorktreeRoot;
        for (var round = 0; round < 40; round++)
        {
            // Everything back to the pool, then spares taken from it while "Tidy" returns what they are making.
            WorktreePool.Return(run.Repo, root, 8, WorktreeRecycler.Spares(run));
            Assert.NotEmpty(WorktreePool.Slots(root));
            WorktreeRecycler.FillSparesInBackground(run, 3);
            var until = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < until)
            {
                var making = WorktreeRecycler.Spares(run).Where(d => Path.GetFileName(d).Contains("pool-taking", StringComparison.Ordinal)).ToList();
                if (making.Count > 0) WorktreePool.Return(run.Repo, root, 8, making);
                if (WorktreeRecycler.Spares(run).Count(d => Path.GetFileName(d).StartsWith("_spare-", StringComparison.Ordinal)) + WorktreePool.Slots(root).Count >= 3
                    && !WorktreeRecycler.Spares(run).Any(d => Path.GetFileName(d).StartsWith("_making-", StringComparison.Ordinal))) break;
            }
        }
    }
}
