using Otto.Git;
using Otto.Runs;

namespace Otto.Tests.Parallel;

/// <summary>Once the plan is known, spares for as many tasks as may be in flight: a task past its agent holds
/// its worktree while the next one starts, so up to twice `concurrency` worktrees are in use.</summary>
public sealed class SpareTopUpTests
{
    [Fact]
    public async Task A_plan_of_more_tasks_than_twice_the_concurrency_gets_spares_up_to_twice_the_concurrency()
    {
        // The agents wait for a barrier the test sets only once it has seen the spares the plan called for,
        // so none of them is taken before it is seen.
        using var dir = new TempDir();
        var barrier = Path.Combine(dir.Path, "go");
        var wait = $"i=0; while [ ! -e '{barrier}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done";
        var tasks = Enumerable.Range(1, 6).Select(i => new TaskSpec($"t{i}", Sleep: 0) { Commands = [wait] }).ToList();
        using var run = new ParallelRepo(tasks, concurrency: 2);

        using var otto = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "six tasks, two agents");
        try
        {
            await Eventually.WaitUntil(run.HasPlan, TimeSpan.FromMinutes(1), "the plan to be accepted");
            var root = RunInfo.Load(new RunPaths(run.RunDir)).WorktreeRoot;
            // Concurrency 2: the planner's and spare 1 from the run's start, spares 2 and 3 from the top-up.
            var topUp = new[] { 2, 3 }.Select(i => WorktreeLayout.StageWorktree(root, run.RunId, $"spare-{i}")).ToList();
            await Eventually.WaitUntil(() => topUp.All(d => File.Exists(Path.Combine(d, ".git"))), TimeSpan.FromMinutes(1), "spares 2 and 3");
            Assert.False(Directory.Exists(WorktreeLayout.StageWorktree(root, run.RunId, "spare-4")), "no more than twice the concurrency in all");
        }
        finally
        {
            File.WriteAllText(barrier, "");
        }

        var result = await otto.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("succeeded", (string?)run.Final()["status"]);
    }
}
