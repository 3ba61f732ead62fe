namespace Otto.Tests.Parallel;

public sealed class ConcurrentMergeTests
{
    [Fact]
    public async Task Eight_tasks_finishing_at_the_same_moment_all_land_on_the_integration_branch_once()
    {
        var tasks = Enumerable.Range(1, 8).Select(i => new TaskSpec($"t{i}", Sleep: 0.5)).ToList();
        using var run = new ParallelRepo(tasks, concurrency: 8);

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "eight tasks at once");

        Assert.True(result.ExitCode == 0, result.ToString());
        var branch = $"otto/{run.RunId}";
        foreach (var task in tasks) Assert.Equal($"{task.Id}\n", run.Repo.Show(branch, $"out/{task.Id}.txt"));
        var merged = run.Events("task_merged").GroupBy(e => (string)e["task"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(tasks, task => Assert.Equal(1, merged[task.Id]));
        Assert.Equal("8", run.Repo.Git("rev-list", "--merges", "--count", branch).Trim());
        // They really overlapped: every agent started before the first one finished.
        var firstFinish = run.Events("attempt_finished").Min(e => DateTimeOffset.Parse((string)e["ts"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(run.Events("attempt_started"), e => Assert.True(DateTimeOffset.Parse((string)e["ts"]!, System.Globalization.CultureInfo.InvariantCulture) < firstFinish));
    }

    [Fact]
    public async Task Four_workers_and_the_driver_execute_every_task_of_a_twenty_task_run_once()
    {
        var random = new Random(4);
        var tasks = new List<TaskSpec> { new("t00", 0.3, Role: "foundation") };
        for (var i = 1; i < 20; i++)
            tasks.Add(new TaskSpec($"t{i:00}", 0.2 + random.NextDouble() * 0.4, [tasks[random.Next(Math.Max(0, i - 4), i)].Id]));
        using var run = new ParallelRepo(tasks, concurrency: 4);

        using var driver = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "twenty tasks, five processes");
        await Eventually.WaitUntil(run.HasPlan,
            TimeSpan.FromMinutes(1), "the plan to be accepted");
        var workers = Enumerable.Range(0, 4).Select(_ => OttoProcess.Start(run.Repo.Root, run.Env(), "work", run.RunId)).ToList();
        try
        {
            var driven = await driver.WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(driven.ExitCode == 0, driven.ToString());
            foreach (var worker in workers)
            {
                var worked = await worker.WaitAsync(TimeSpan.FromMinutes(1));
                Assert.True(worked.ExitCode == 0, worked.ToString());
            }
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }

        var executions = run.Executions();
        Assert.All(tasks, task => Assert.Equal(1, executions.GetValueOrDefault(task.Id)));
        Assert.All(tasks, task => Assert.Equal(1, run.AttemptFolders(task.Id)));
        var claims = run.Events("task_claimed").GroupBy(e => (string)e["task"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(tasks, task => Assert.Equal(1, claims[task.Id]));
        var owners = run.Events("task_claimed").Select(e => (int)e["data"]!["owner"]!["pid"]!).Distinct().Count();
        Assert.True(owners > 1, "the work was shared between processes");
        Assert.Equal("succeeded", (string?)run.Final()["status"]);
    }
}
