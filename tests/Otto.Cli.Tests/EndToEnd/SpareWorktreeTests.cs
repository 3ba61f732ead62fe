using Otto.Execution;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>Spares are made on threads of their own while a run may already be ending: what the end returns
/// to the pool (<see cref="WorktreeRecycler.SparesToReturn"/>) never includes a spare still being made, and
/// nothing a spare's thread meets ends the process.</summary>
public sealed class SpareWorktreeTests
{
    [Fact]
    public async Task The_run_s_end_returns_spares_to_the_pool_while_others_are_still_being_made()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: "worktree_pool: 8\n");
        var run = await project.PlannedRunAsync();
        var root = run.Info.WorktreeRoot;
        for (var round = 0; round < 20; round++)
        {
            // As the run's end does, over and over while three spares are made from the pool.
            WorktreePool.Return(run.Repo, root, 8, WorktreeRecycler.SparesToReturn(run));
            WorktreeRecycler.FillSparesInBackground(run, 3);
            var until = DateTime.UtcNow.AddSeconds(30);
            while (WorktreeRecycler.Spares(run).Count(d => Path.GetFileName(d).StartsWith("_spare-", StringComparison.Ordinal)) < 3 && DateTime.UtcNow < until)
            {
                // What the end would return now: the spares made so far, never one still being made.
                Assert.DoesNotContain(WorktreeRecycler.SparesToReturn(run), d => Path.GetFileName(d).StartsWith("_making-", StringComparison.Ordinal));
                await Task.Delay(5);
            }
            Assert.Equal(3, WorktreeRecycler.Spares(run).Count());
        }
        WorktreePool.Return(run.Repo, root, 8, WorktreeRecycler.SparesToReturn(run));
        Assert.Empty(WorktreeRecycler.Spares(run));
        Assert.InRange(WorktreePool.Slots(root).Count, 1, 8);
    }
}
