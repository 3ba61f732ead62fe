namespace Otto.Tests.Parallel;

public sealed class ConcurrentMergeTests
{
    [Fact]
    public async Task Eight_tasks_finishing_at_the_same_moment_all_land_on_the_integration_branch_once()
    {
        // A barrier instead of a clock: each agent waits (up to a minute) until all eight have started, so
        // they really overlap however busy the machine is, and otto running them one by one shows as a miss.
        var barrier = Path.Combine(TestEnvironment.NewTempDir("otto-barrier-"), "started");
        var met = barrier + ".met";
        var wait = $"echo x >> '{barrier}'; i=0; while [ \"$(wc -l < '{barrier}')\" -lt 8 ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; "
            + $"[ \"$(wc -l < '{barrier}')\" -ge 8 ] && echo met >> '{met}'";
        var tasks = Enumerable.Range(1, 8).Select(i => new TaskSpec($"t{i}", Sleep: 0) { Commands = [wait] }).ToList();
        using var run = new ParallelRepo(tasks, concurrency: 8);

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(3), "build", "eight tasks at once");

        Assert.True(result.ExitCode == 0, result.ToString());
        var branch = $"otto/{run.RunId}";
        foreach (var task in tasks) Assert.Equal($"{task.Id}\n", run.Repo.Show(branch, $"out/{task.Id}.txt"));
        var merged = run.Events("task_merged").GroupBy(e => (string)e["task"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(tasks, task => Assert.Equal(1, merged[task.Id]));
        // One squash commit per task (integration.style squash), whatever order they landed in.
        var landed = run.Repo.Git("log", "--format=%(trailers:key=Otto-Task,valueonly)", branch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tasks.Select(t => t.Id).Order(StringComparer.Ordinal), landed.Order(StringComparer.Ordinal));
        Assert.Equal("0", run.Repo.Git("rev-list", "--merges", "--count", branch).Trim());
        // They really overlapped: every agent saw all eight running.
        Assert.Equal(8, File.ReadAllLines(met).Length);
    }

    [Fact]
    public async Task Four_workers_and_the_driver_execute_every_task_of_a_twenty_task_run_once()
    {
        var random = new Random(4);
        var tasks = new List<TaskSpec> { new("t00", 0.3, Role: "foundation") };
        for (var i = 1; i < 20; i++)
            tasks.Add(new TaskSpec($"t{i:00}", 0.2 + random.NextDouble() * 0.4, [tasks[random.Next(Math.Max(0, i - 4), i)].Id]));
        using var run = new ParallelRepo(tasks, concurrency: 4);

        // The driver plans, checks the integration branch and finishes; with the global concurrency of 4
        // it would otherwise claim every slot itself before the workers start, and they would have nothing to do.
        using var driver = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "--drive-only", "twenty tasks, five processes");
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
        Assert.True(owners >= 2, $"the work was shared between the workers ({owners} of them claimed tasks)");
        Assert.Equal("succeeded", (string?)run.Final()["status"]);
    }

    [Fact]
    public async Task A_task_after_a_merged_one_takes_over_its_worktree_and_starts_from_the_integration_tip()
    {
        using var dir = new TempDir();
        var seen = Path.Combine(dir.Path, "seen.txt");
        var tasks = new List<TaskSpec>
        {
            new("first", 0.1) { ExtraFiles = { ["scratch/untracked-by-plan.txt"] = "left behind\n" } },
            new("second", 0.1, ["first"]) { Commands = [$"cat .git > '{seen}'; ls out >> '{seen}'; ls scratch >> '{seen}' 2>&1 || true"] },
        };
        using var run = new ParallelRepo(tasks, concurrency: 1, "ownership: warn");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "chain");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(seen);
        // A worktree taken over (the planner's, passed on through the first task), not a new checkout: git keeps
        // the admin folder's name of its creation, the planner's checkout `otto build` began (_pool/early-PID-ID).
        Assert.DoesNotContain("/worktrees/second", text, StringComparison.Ordinal);
        Assert.Matches("/worktrees/early-[0-9]+-", text);
        Assert.Contains("first.txt", text, StringComparison.Ordinal);         // on the integration tip
        Assert.Contains("untracked-by-plan.txt", text, StringComparison.Ordinal); // committed and merged, so checked out
        Assert.Equal("second\n", run.Repo.Show($"otto/{run.RunId}", "out/second.txt"));
    }

    [Fact]
    public async Task A_merged_tasks_worktree_is_passed_on_at_the_tip_with_no_checkout_and_nothing_of_its_own_left()
    {
        using var dir = new TempDir();
        var seen = Path.Combine(dir.Path, "seen.txt");
        var tasks = new List<TaskSpec>
        {
            // An ignored build product: never committed, so only a clean can take it away.
            new("first", 0.1) { Commands = ["mkdir -p build && echo cached > build/cache.bin"], ExtraFiles = { [".gitignore"] = "build/\n" } },
            new("second", 0.1, ["first"]) { Commands = [$"ls build >> '{seen}' 2>&1; ls out >> '{seen}'"] },
            new("third", 0.1, ["second"]),
        };
        using var run = new ParallelRepo(tasks, concurrency: 1, "ownership: warn");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "chain");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(seen);
        Assert.DoesNotContain("cache.bin", text, StringComparison.Ordinal);
        Assert.Contains("first.txt", text, StringComparison.Ordinal); // on the integration tip
        // Each later task took the one before it's worktree, recycled at the tip its merge made: its branch was
        // attached there, no checkout (which would have logged "branch: Created from ..." or a reset).
        var merged = run.Events("task_merged").ToDictionary(e => (string)e["task"]!, e => (string)e["data"]!["integration_sha"]!);
        foreach (var (task, before) in new[] { ("second", "first"), ("third", "second") })
        {
            var reflog = run.Repo.Git("reflog", "show", "--format=%gs", $"otto/tasks/{run.RunId}/{task}");
            Assert.Contains($"otto: branch for a task, from a spare worktree at {merged[before]}", reflog, StringComparison.Ordinal);
        }
        Assert.Equal("second\n", run.Repo.Show($"otto/{run.RunId}", "out/second.txt"));
    }
}
