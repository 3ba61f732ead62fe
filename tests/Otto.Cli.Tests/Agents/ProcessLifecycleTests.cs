using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Platform;
using Otto.Tests.Parallel;

namespace Otto.Tests.Agents;

/// <summary>The agent process lifecycle: killed groups stay killed, a crashed driver's agents are adopted
/// (never started twice), and liveness files tell the truth.</summary>
public sealed class ProcessLifecycleTests
{
    [Fact]
    public async Task An_agent_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        using var dir = new TempDir();
        var marker = Path.Combine(dir.Path, "term.log");
        // The stall timer counts from the last output, so "armed" (printed once the trap is set) restarts it: the
        // TERM can only come after the trap exists. 4 s covers the gap before it on a loaded machine (1 s did not:
        // the TERM once came before the trap was set and the marker was never written).
        var task = new TaskSpec("stubborn", Sleep: 0) { Commands = [$"trap 'echo TERM >> {marker}' TERM; echo armed; while :; do sleep 0.2; done"] };
        using var run = new ParallelRepo([task], concurrency: 1, "limits: { stall_timeout: 4s, kill_grace: 1s, max_attempts: 1 }");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "build", "stubborn agent");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("stall_timeout", (string?)run.Final()["cause"]!["limit"]!["name"]);
        Assert.Contains("TERM", File.ReadAllText(marker), StringComparison.Ordinal); // asked politely first
        Assert.False(AgentOf(run, "stubborn").IsAlive());                           // then killed
        var finished = Assert.Single(run.Events("attempt_finished"));
        Assert.Equal("stall_timeout", (string?)finished["data"]!["killed_by"]);
    }

    [Fact]
    public async Task A_busy_agent_that_outlives_attempt_timeout_is_stopped_and_the_limit_is_named()
    {
        var task = new TaskSpec("endless", Sleep: 0) { Commands = ["while :; do echo still working; sleep 0.3; done"] };
        using var run = new ParallelRepo([task], concurrency: 1, "limits: { attempt_timeout: 2s, stall_timeout: 1m, kill_grace: 1s, max_attempts: 1 }");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "build", "never done");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("attempt_timeout", (string?)run.Final()["cause"]!["limit"]!["name"]);
        Assert.Equal("attempt_timeout", (string?)Assert.Single(run.Events("attempt_finished"))["data"]!["killed_by"]);
        Assert.False(AgentOf(run, "endless").IsAlive());
    }

    [Fact]
    public async Task A_grandchild_forked_by_the_agent_does_not_outlive_the_attempt()
    {
        using var dir = new TempDir();
        var pidFile = Path.Combine(dir.Path, "grandchild.pid");
        var task = new TaskSpec("forker", Sleep: 0) { Commands = [$"sleep 300 & echo $! > {pidFile}"] };
        using var run = new ParallelRepo([task], concurrency: 1);

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "build", "forking agent");

        Assert.True(result.ExitCode == 0, result.ToString());
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        await Eventually.WaitUntil(() => ProcessIdentity.Of(pid) is not { } p || !p.IsAlive(), TimeSpan.FromSeconds(10), $"grandchild {pid} to be gone");
    }

    [Fact]
    public async Task Resume_after_the_driver_is_SIGKILLed_adopts_the_live_agent_and_counts_the_attempt_once()
    {
        using var run = new ParallelRepo([new TaskSpec("slow", Sleep: 3)], concurrency: 1);
        await KillTheDriverOnceTheAgentRunsAsync(run, "slow", "adopt me");
        Assert.True(AgentOf(run, "slow").IsAlive(), "the agent outlives its driver");
        Assert.Equal("stale", StatusOf(await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "status", "--json", run.RunId)));

        var resumed = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "resume", run.RunId);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(1, run.Executions().GetValueOrDefault("slow"));
        Assert.Equal(1, run.AttemptFolders("slow"));
        Assert.Single(run.Events("attempt_started"));
        Assert.Single(run.Events("attempt_finished"));
    }

    /// <summary>The driver dies (OTTO_CRASH_AT) between the wrapper's pid file and attempt_started, the
    /// window a busy machine widens, so it never recorded the start; the agent ends with no driver alive.
    /// Resume records the start once and ingests the agent's work.</summary>
    [Fact]
    public async Task Resume_ingests_the_exit_status_of_an_agent_that_ended_while_no_driver_was_alive()
    {
        using var run = new ParallelRepo([new TaskSpec("quick", Sleep: 1)], concurrency: 1);
        string Attempt(string file) => Path.Combine(run.RunDir, "tasks", "quick", "attempt-1", file);
        var crashing = run.Env();
        crashing["OTTO_CRASH_AT"] = "agent-launched";
        using (var driver = OttoProcess.Start(run.Repo.Root, crashing, "build", "ingest me"))
        {
            await driver.WaitAsync(TimeSpan.FromMinutes(1));
            await Eventually.WaitUntil(() => File.Exists(Attempt("exit_code")), TimeSpan.FromMinutes(1), "the wrapper to record the exit status");
        }
        Assert.Equal("0", File.ReadAllText(Attempt("exit_code")).Trim());
        Assert.Empty(run.Events("attempt_started")); // frozen before it could record the start

        var resumed = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "resume", run.RunId);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(1, run.Executions().GetValueOrDefault("quick"));
        Assert.Single(run.Events("attempt_started"));
        Assert.Single(run.Events("attempt_finished"));
        Assert.Equal("quick\n", run.Repo.Show($"otto/{run.RunId}", "out/quick.txt"));
    }

    [Fact]
    public async Task Resume_removes_the_temp_files_a_crash_left_half_written_and_only_those()
    {
        using var run = new ParallelRepo([new TaskSpec("slow", Sleep: 2)], concurrency: 1);
        await KillTheDriverOnceTheAgentRunsAsync(run, "slow", "crash mid-write");
        // What a SIGKILL between writing a temp file and renaming it leaves, a minute later.
        var attempt = Path.Combine(run.RunDir, "tasks", "slow", "attempt-1");
        var crashed = new[]
        {
            Path.Combine(run.RunDir, $"live.json.4242.{Guid.NewGuid():N}.tmp"),
            Path.Combine(attempt, $"heartbeat.4242.{Guid.NewGuid():N}.tmp"),
            Path.Combine(attempt, "exit_code.tmp"),
        };
        var agentsOwn = Path.Combine(attempt, "notes.tmp");
        foreach (var file in crashed.Append(agentsOwn))
        {
            File.WriteAllText(file, "{\"half\":");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        }

        var resumed = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "resume", run.RunId);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.All(crashed, f => Assert.False(File.Exists(f), $"{f} is still there"));
        Assert.True(File.Exists(agentsOwn), "a .tmp that is not otto's stays");
        Assert.Contains("live.json.4242.", resumed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_json_lists_the_running_attempt_and_the_heartbeat_stops_when_it_ends()
    {
        using var run = new ParallelRepo([new TaskSpec("beat", Sleep: 2.5)], concurrency: 1);
        using var driver = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "heartbeat");
        await Eventually.WaitUntil(() => PidFileExists(run, "beat"), TimeSpan.FromMinutes(1), "the agent to start");
        var agentPid = AgentOf(run, "beat").Pid;
        // live.json is rewritten every tick; the first version after the claim may predate the agent's pid.
        await Eventually.WaitUntil(() => LivePids(run).Contains(agentPid), TimeSpan.FromSeconds(10), "live.json to list the attempt with its agent's pid");
        Assert.Contains("beat", LiveTasks(run));

        Assert.Equal(0, (await driver.WaitAsync(TimeSpan.FromMinutes(1))).ExitCode);

        Assert.Empty(LiveTasks(run));
        var heartbeat = Path.Combine(run.RunDir, "tasks", "beat", "attempt-1", "heartbeat");
        var before = File.GetLastWriteTimeUtc(heartbeat);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // longer than the heartbeat interval: it would have beaten
        Assert.Equal(before, File.GetLastWriteTimeUtc(heartbeat));
    }

    private static async Task KillTheDriverOnceTheAgentRunsAsync(ParallelRepo run, string task, string intent)
    {
        using var driver = OttoProcess.Start(run.Repo.Root, run.Env(), "build", intent);
        await Eventually.WaitUntil(() => PidFileExists(run, task), TimeSpan.FromMinutes(1), "the agent to start");
        driver.Signal(ProcessGroup.SigKill);
        await driver.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static bool PidFileExists(ParallelRepo run, string task) =>
        run.HasPlan() && File.Exists(Path.Combine(run.RunDir, "tasks", task, "attempt-1", "pid"));

    private static ProcessIdentity AgentOf(ParallelRepo run, string task)
    {
        var parts = File.ReadAllText(Path.Combine(run.RunDir, "tasks", task, "attempt-1", "pid")).Split(' ', StringSplitOptions.TrimEntries);
        return new ProcessIdentity(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static string? StatusOf(OttoResult result) => (string?)JsonNode.Parse(result.Stdout)!["status"];

    private static List<int?> LivePids(ParallelRepo run)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path.Combine(run.RunDir, "live.json")))!["attempts"]!.AsArray().Select(a => (int?)a!["pid"]).ToList();
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static List<string?> LiveTasks(ParallelRepo run)
    {
        var path = Path.Combine(run.RunDir, "live.json");
        if (!File.Exists(path)) return [];
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))!["attempts"]!.AsArray().Select(a => (string?)a!["task"]).ToList();
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
