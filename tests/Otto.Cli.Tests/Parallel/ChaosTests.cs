using System.Globalization;
using Otto.Platform;

namespace Otto.Tests.Parallel;

/// <summary>
/// Kills the driver with SIGKILL at many random moments of a 10-task parallel run, resuming after each,
/// and checks the run converges to what an uninterrupted run produces: the same integration tree, each
/// task merged once, attempt folders and events in agreement, no agent process left behind.
/// Reproducible: OTTO_CHAOS_SEED picks the moments (the seed in use is in the failure message).
/// The run's progress is in the test's hands, not the clock's: each agent waits for its gate file, and
/// the test opens one gate every other kill, just before the random pause, so the kill lands while the
/// driver ingests, verifies and merges. The last gate opens at the 19th kill and its agent then works for
/// longer than any pause: however fast or busy the machine, all twenty kills land before the run can end.
/// </summary>
public sealed class ChaosTests
{
    private const int Kills = 20;

    [Fact]
    public async Task Random_SIGKILLs_of_the_driver_converge_to_the_uninterrupted_result()
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("OTTO_CHAOS_SEED") ?? "20261121", CultureInfo.InvariantCulture);
        var random = new Random(seed);
        using var gates = new TempDir();
        var tasks = Graph(new Random(seed), gates.Path);

        foreach (var task in tasks) OpenGate(gates, task); // the uninterrupted run waits for nothing
        using var reference = new ParallelRepo(tasks, concurrency: 4);
        var clean = await OttoProcess.RunAsync(reference.Repo.Root, reference.Env(), TimeSpan.FromMinutes(2), "build", "chaos");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        foreach (var gate in Directory.GetFiles(gates.Path)) File.Delete(gate);

        using var chaos = new ParallelRepo(tasks, concurrency: 4);
        var kills = 0;
        var opened = 0;
        string[] command = ["build", "chaos"];
        while (kills < Kills)
        {
            using var driver = OttoProcess.Start(chaos.Repo.Root, chaos.Env(), command);
            if (command[0] == "build")
            {
                await Eventually.WaitUntil(() => RunExists(chaos) || driver.HasExited, TimeSpan.FromMinutes(1), "the run folder");
                if (!RunExists(chaos)) continue;
                command = ["resume", chaos.RunId];
            }
            // Kill only a driver that is past start-up and driving (it wrote driver.json), at a random moment.
            await Eventually.WaitUntil(() => driver.HasExited || DrivenBy(chaos, driver.Pid), TimeSpan.FromMinutes(1), "the driver to take the run");
            if (kills % 2 == 1 && opened < tasks.Count) OpenGate(gates, tasks[opened++]);
            await Task.Delay(random.Next(20, 600));
            if (driver.HasExited) break; // the run finished between two kills: there is nothing left to kill
            driver.Signal(ProcessGroup.SigKill);
            await driver.WaitAsync(TimeSpan.FromSeconds(30));
            kills++;
        }
        foreach (var task in tasks.Skip(opened)) OpenGate(gates, task);
        var last = await OttoProcess.RunAsync(chaos.Repo.Root, chaos.Env(), TimeSpan.FromMinutes(2), "resume", chaos.RunId);

        var context = $"seed {seed}, {kills} kills";
        Assert.True(last.ExitCode == 0, $"{context}\n{last}");
        Assert.True(kills >= Kills, $"{context}: too few kills landed before the run finished");
        Assert.Equal("succeeded", (string?)chaos.Final()["status"]);
        Assert.Equal(
            reference.Repo.Git("rev-parse", $"otto/{reference.RunId}:out").Trim(),
            chaos.Repo.Git("rev-parse", $"otto/{chaos.RunId}:out").Trim());

        var merged = chaos.Events("task_merged").GroupBy(e => (string)e["task"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(tasks, t => Assert.True(merged.GetValueOrDefault(t.Id) == 1, $"{context}: {t.Id} merged {merged.GetValueOrDefault(t.Id)} times"));
        // One squash commit per task on the branch, however often the driver died while landing them.
        var landed = chaos.Repo.Git("log", "--format=%(trailers:key=Otto-Task,valueonly)", $"otto/{chaos.RunId}").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tasks.Select(t => t.Id).Order(StringComparer.Ordinal), landed.Order(StringComparer.Ordinal));
        Assert.Equal("0", chaos.Repo.Git("rev-list", "--merges", "--count", $"otto/{chaos.RunId}").Trim());

        foreach (var task in tasks)
        {
            var attempts = chaos.Events("task_claimed").Where(e => (string?)e["task"] == task.Id).Select(e => (int)e["attempt"]!).DefaultIfEmpty(0).Max();
            Assert.True(attempts == chaos.AttemptFolders(task.Id), $"{context}: {task.Id} has {chaos.AttemptFolders(task.Id)} attempt folders for {attempts} attempts");
            var started = chaos.Events("attempt_started").Count(e => (string?)e["task"] == task.Id);
            Assert.True(started <= attempts, $"{context}: {task.Id} started {started} agents for {attempts} attempts");
        }
        foreach (var pidFile in Directory.GetFiles(chaos.RunDir, "pid", SearchOption.AllDirectories))
        {
            var parts = File.ReadAllText(pidFile).Split(' ', StringSplitOptions.TrimEntries);
            var agent = new ProcessIdentity(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
            Assert.False(agent.IsAlive(), $"{context}: the agent of {pidFile} is still running");
        }
    }

    private static bool DrivenBy(ParallelRepo run, int pid)
    {
        try
        {
            return (int?)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run.RunDir, "driver.json")))?["pid"] == pid;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static bool RunExists(ParallelRepo run)
    {
        var runs = Path.Combine(run.Repo.Root, ".otto", "runs");
        return Directory.Exists(runs) && Directory.GetDirectories(runs).Any(d => File.Exists(Path.Combine(d, "events.ndjson")));
    }

    /// <summary>One foundation, then three layers of three tasks, each depending on one or two tasks of the
    /// layer before (a list in dependency order). Each agent waits for its gate, then works 1-2 s: longer
    /// than the longest pause before a kill.</summary>
    private static List<TaskSpec> Graph(Random random, string gates)
    {
        TaskSpec Gated(string id, string[]? deps = null, string role = "feature") => new(id, 0, deps, role)
        {
            Commands = [$"until [ -e '{gates}/{id}' ]; do sleep 0.05; done; sleep {(1 + random.NextDouble()).ToString("0.00", CultureInfo.InvariantCulture)}"],
        };
        var tasks = new List<TaskSpec> { Gated("t0", role: "foundation") };
        var previous = new List<string> { "t0" };
        for (var layer = 0; layer < 3; layer++)
        {
            var current = new List<string>();
            for (var j = 0; j < 3; j++)
            {
                var id = $"t{tasks.Count}";
                var deps = Enumerable.Range(0, random.Next(1, 3)).Select(_ => previous[random.Next(previous.Count)]).Distinct().ToArray();
                tasks.Add(Gated(id, deps));
                current.Add(id);
            }
            previous = current;
        }
        return tasks;
    }

    private static void OpenGate(TempDir gates, TaskSpec task) => gates.Write(task.Id, "open\n");
}
