using System.Globalization;
using Otto.Platform;
using Otto.Tests.Parallel;

namespace Otto.Tests.Agents;

/// <summary>`otto stop` ends a run as canceled with or without a live driver; `otto gc` tidies finished runs:
/// dry-run changes nothing, then worktrees go and, only on request, the branches whose commits are all elsewhere.</summary>
public sealed class StopAndGcTests
{
    [Fact]
    public async Task Stop_asks_the_live_driver_to_cancel_and_its_agent_is_gone()
    {
        using var run = new ParallelRepo([new TaskSpec("long", Sleep: 120)], concurrency: 1);
        using var driver = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "stop me");
        await Eventually.WaitUntil(() => PidFile(run) is not null, TimeSpan.FromMinutes(1), "the agent to start");

        var stopped = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "stop", run.RunId);

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        var built = await driver.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(130, built.ExitCode);
        Assert.Equal("canceled", (string?)run.Final()["status"]);
        Assert.False(Agent(run).IsAlive());
    }

    [Fact]
    public async Task Stop_with_no_live_driver_stops_the_agent_itself_and_finalizes()
    {
        using var run = new ParallelRepo([new TaskSpec("long", Sleep: 120)], concurrency: 1);
        using (var driver = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "orphan me"))
        {
            await Eventually.WaitUntil(() => PidFile(run) is not null, TimeSpan.FromMinutes(1), "the agent to start");
            driver.Signal(ProcessGroup.SigKill);
            await driver.WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.True(Agent(run).IsAlive(), "the agent outlives its driver");

        var stopped = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "stop", run.RunId, "--force");

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal("canceled", (string?)run.Final()["status"]);
        Assert.False(Agent(run).IsAlive());
    }

    [Fact]
    public async Task Gc_dry_run_changes_nothing_then_gc_removes_worktrees_and_prunes_only_task_branches()
    {
        using var run = new ParallelRepo([new TaskSpec("long", Sleep: 120)], concurrency: 1);
        using (var driver = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "cancel and keep the worktree"))
        {
            await Eventually.WaitUntil(() => PidFile(run) is not null, TimeSpan.FromMinutes(1), "the agent to start");
            await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "stop", run.RunId);
            Assert.Equal(130, (await driver.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        }
        var worktrees = Worktrees(run);
        var taskBranch = $"refs/heads/otto/tasks/{run.RunId}/long";
        Assert.NotEmpty(worktrees); // a run that did not succeed keeps its task worktrees for inspection
        Assert.True(run.Repo.TryGit("rev-parse", "--verify", taskBranch).Ok);

        var dry = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "gc", "--dry-run", "--prune-branches");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("remove worktree", dry.Stdout + dry.Stderr, StringComparison.Ordinal);
        Assert.Equal(worktrees, Worktrees(run));
        Assert.True(run.Repo.TryGit("rev-parse", "--verify", taskBranch).Ok);

        var kept = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "gc");
        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Empty(Worktrees(run));
        Assert.All(worktrees, w => Assert.False(Directory.Exists(w), w));
        Assert.True(run.Repo.TryGit("rev-parse", "--verify", taskBranch).Ok, "branches stay without --prune-branches");

        var integration = "refs/heads/" + (string)run.Final()["integration_branch"]!;
        Assert.Contains("has integration branch of a canceled run", kept.Stdout, StringComparison.Ordinal);
        var pruned = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "gc", "--prune-branches");
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        Assert.False(run.Repo.TryGit("rev-parse", "--verify", taskBranch).Ok);
        // Canceled before anything merged, its integration branch holds nothing the base does not.
        Assert.False(run.Repo.TryGit("rev-parse", "--verify", integration).Ok);
    }

    /// <summary>The run's linked worktrees (not the user's checkout).</summary>
    private static List<string> Worktrees(ParallelRepo run) =>
        run.Repo.Git("worktree", "list", "--porcelain").Split('\n')
            .Where(l => l.StartsWith("worktree ", StringComparison.Ordinal)).Select(l => l["worktree ".Length..])
            .Where(p => p != run.Repo.Root && !p.Contains("/_pool/", StringComparison.Ordinal)).ToList(); // the pool outlives runs

    private static string? PidFile(ParallelRepo run)
    {
        var file = run.HasPlan() ? Path.Combine(run.RunDir, "tasks", "long", "attempt-1", "pid") : null;
        return file is not null && File.Exists(file) ? file : null;
    }

    private static ProcessIdentity Agent(ParallelRepo run)
    {
        var parts = File.ReadAllText(PidFile(run)!).Split(' ', StringSplitOptions.TrimEntries);
        return new ProcessIdentity(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
