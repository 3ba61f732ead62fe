using Otto.Tests.Parallel;

namespace Otto.Tests.Integrity;

/// <summary>
/// Issue 8, case 4: otto killed between run.json and the first event (and before the integration branch
/// exists). `otto resume` continues the run from run.json, and final.json tells the truth about it.
/// </summary>
public sealed class RunStartRecoveryTests
{
    [Fact]
    public async Task A_run_killed_before_its_first_event_is_resumed_from_run_json()
    {
        using var run = new ParallelRepo([new TaskSpec("a", Sleep: 0)], concurrency: 1);
        var env = run.Env();
        env["OTTO_CRASH_AT"] = "run-json-written";

        var killed = await OttoProcess.RunAsync(run.Repo.Root, env, TimeSpan.FromMinutes(1), "build", "add a");

        Assert.Equal(137, killed.ExitCode);
        Assert.False(File.Exists(Path.Combine(run.RunDir, "events.ndjson")));
        Assert.False(run.Repo.TryGit("rev-parse", "--verify", $"refs/heads/otto/{run.RunId}").Ok);

        var resumed = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "resume", run.RunId);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var final = run.Final();
        Assert.Equal("succeeded", (string?)final["status"]);
        Assert.Equal("add a", (string?)final["intent"]);
        Assert.Equal($"otto/{run.RunId}", (string?)final["integration_branch"]);
        Assert.Equal(run.Repo.Git("rev-parse", $"otto/{run.RunId}").Trim(), (string?)final["head_sha"]);
        var duration = (double)final["duration_s"]!;
        Assert.InRange(duration, 0, 600);
        Assert.Equal("a\n", run.Repo.Show($"otto/{run.RunId}", "out/a.txt"));
    }
}
