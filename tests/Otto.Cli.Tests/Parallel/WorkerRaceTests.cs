using System.Globalization;
using Otto.Platform;

namespace Otto.Tests.Parallel;

public sealed class WorkerRaceTests
{
    [Fact]
    public async Task Two_workers_racing_for_one_ready_task_run_it_exactly_once()
    {
        using var run = new ParallelRepo([new TaskSpec("only", Sleep: 1.0)], concurrency: 2);
        using var driver = await StartCoordinator(run);

        using var a = OttoProcess.Start(run.Repo.Root, run.Env(), "work", run.RunId);
        using var b = OttoProcess.Start(run.Repo.Root, run.Env(), "work", run.RunId);
        Assert.Equal(0, (await a.WaitAsync(TimeSpan.FromMinutes(1))).ExitCode);
        Assert.Equal(0, (await b.WaitAsync(TimeSpan.FromMinutes(1))).ExitCode);
        var driven = await driver.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(driven.ExitCode == 0, driven.ToString());
        Assert.Equal(1, run.Executions().GetValueOrDefault("only"));
        Assert.Single(run.Events("task_claimed"));
        Assert.Equal(1, run.AttemptFolders("only"));
        var owner = (int)run.Events("task_claimed")[0]["data"]!["owner"]!["pid"]!;
        Assert.Contains(owner, new[] { a.Pid, b.Pid });
    }

    [Fact]
    public async Task A_killed_owner_is_taken_over_after_its_lease_expires_and_its_agent_is_adopted()
    {
        var lease = TimeSpan.FromSeconds(3);
        using var run = new ParallelRepo([new TaskSpec("long", Sleep: 5)], concurrency: 1, "limits: { lease_timeout: 3s }");
        using var driver = await StartCoordinator(run);

        using var winner = OttoProcess.Start(run.Repo.Root, run.Env("host-a"), "work", run.RunId);
        var pidFile = Path.Combine(run.RunDir, "tasks", "long", "attempt-1", "pid");
        await Eventually.WaitUntil(() => File.Exists(pidFile), TimeSpan.FromMinutes(1), "the winner to start the agent");
        using var taker = OttoProcess.Start(run.Repo.Root, run.Env("host-b"), "work", run.RunId);
        var killedAt = DateTimeOffset.UtcNow;
        winner.Signal(ProcessGroup.SigKill);

        var taken = await taker.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(taken.ExitCode == 0, taken.ToString());
        var driven = await driver.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(driven.ExitCode == 0, driven.ToString());

        var claims = run.Events("task_claimed");
        var takeovers = claims.Where(e => (bool?)e["data"]!["takeover"] == true).ToList();
        Assert.True(takeovers.Count == 1, "claims:\n" + string.Join("\n", claims.Select(c => c.ToJsonString())) + "\n" + taken);
        var takeover = takeovers[0];
        Assert.Equal("host-b", (string?)takeover["data"]!["owner"]!["host"]);
        Assert.Equal(1, (int)takeover["attempt"]!);
        // host-b cannot see host-a's processes, so only the expired lease lets it take over.
        var takenAt = DateTimeOffset.Parse((string)takeover["ts"]!, CultureInfo.InvariantCulture);
        Assert.True(takenAt - killedAt >= lease - TimeSpan.FromSeconds(1.2), $"taken over {(takenAt - killedAt).TotalSeconds:0.0}s after the kill");
        // The agent kept running and was adopted: it ran once, in one attempt.
        Assert.Equal(1, run.Executions().GetValueOrDefault("long"));
        Assert.Equal(1, run.AttemptFolders("long"));
        Assert.Single(run.Events("attempt_started"));
    }

    [Fact]
    public async Task A_live_heartbeating_owner_is_never_taken_over()
    {
        // The agent outlives the lease twice over. The lease is 4 s, not 2: with heartbeats a second apart, one
        // full CI run on 2 cores at load ~9 saw the 2 s lease taken over (two late beats are enough).
        using var run = new ParallelRepo([new TaskSpec("long", Sleep: 9)], concurrency: 1, "limits: { lease_timeout: 4s }");
        using var driver = await StartCoordinator(run);

        using var owner = OttoProcess.Start(run.Repo.Root, run.Env("host-a"), "work", run.RunId);
        await Eventually.WaitUntil(() => run.Events("task_claimed").Count == 1, TimeSpan.FromMinutes(1), "the first claim");
        using var rival = OttoProcess.Start(run.Repo.Root, run.Env("host-b"), "work", run.RunId);

        Assert.Equal(0, (await owner.WaitAsync(TimeSpan.FromMinutes(1))).ExitCode);
        Assert.Equal(0, (await rival.WaitAsync(TimeSpan.FromMinutes(1))).ExitCode);
        Assert.Equal(0, (await driver.WaitAsync(TimeSpan.FromMinutes(1))).ExitCode);
        Assert.Single(run.Events("task_claimed"));
        Assert.Equal(1, run.Executions().GetValueOrDefault("long"));
    }

    [Fact]
    public async Task A_worker_past_the_run_budget_starts_nothing_and_leaves_the_ending_to_the_driver()
    {
        using var run = new ParallelRepo([new TaskSpec("late", Sleep: 0.1)], concurrency: 1);
        // A budget that classify, baseline and plan fit in even on a busy machine (3s did not, at load 30).
        using (var driver = OttoProcess.Start(run.Repo.Root, run.Env("driver-host"), "build", "--drive-only", "--budget", "12s", "over budget"))
        {
            await Eventually.WaitUntil(run.HasPlan, TimeSpan.FromMinutes(1), "the plan to be accepted");
            driver.Signal(ProcessGroup.SigKill); // no driver left to end the run
            await driver.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var started = DateTimeOffset.Parse((string)run.Events("run_started")[0]["ts"]!, CultureInfo.InvariantCulture);
        await Eventually.WaitUntil(() => DateTimeOffset.UtcNow - started > TimeSpan.FromSeconds(12.5), TimeSpan.FromSeconds(30), "the budget to run out");

        var worked = await OttoProcess.RunAsync(run.Repo.Root, run.Env("host-w"), TimeSpan.FromMinutes(1), "work", run.RunId);

        Assert.True(worked.ExitCode == 1, worked.ToString());
        Assert.Contains("limits.run_budget", worked.Stderr, StringComparison.Ordinal);
        Assert.Contains($"otto resume {run.RunId}", worked.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Events("task_claimed"));
        Assert.False(File.Exists(Path.Combine(run.RunDir, "final.json")));

        var resumed = await OttoProcess.RunAsync(run.Repo.Root, run.Env("driver-host"), TimeSpan.FromMinutes(1), "resume", run.RunId);

        Assert.True(resumed.ExitCode == 1, resumed.ToString());
        Assert.Equal("run_budget", (string?)run.Final()["cause"]!["limit"]!["name"]);
        Assert.Equal(0, run.Executions().GetValueOrDefault("late"));
    }

    /// <summary>A driver that plans and finishes but leaves every task to `otto work` processes.</summary>
    private static async Task<OttoProcess> StartCoordinator(ParallelRepo run)
    {
        var driver = OttoProcess.Start(run.Repo.Root, run.Env("driver-host"), "build", "--drive-only", "parallel test");
        await Eventually.WaitUntil(run.HasPlan,
            TimeSpan.FromMinutes(1), "the plan to be accepted");
        return driver;
    }
}
