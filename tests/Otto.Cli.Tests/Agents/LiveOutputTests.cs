using Otto.Tests.Parallel;

namespace Otto.Tests.Agents;

/// <summary>Watching a run while it works: `otto logs --follow` and `otto status --watch` (plain lines when
/// stdout is not a terminal) both end on their own, and neither shows a secret the agent prints.</summary>
public sealed class LiveOutputTests
{
    private const string Secret = "follow-me-secret-0815";

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // otto runs agents on Linux and macOS only
    public async Task Logs_follow_and_status_watch_end_with_the_attempt_and_run_and_never_show_secrets()
    {
        var task = new TaskSpec("talker", Sleep: 0) { Commands = ["for i in 1 2 3 4 5 6; do echo \"step $i with $SERVICE_API_KEY\"; sleep 0.5; done"] };
        using var run = new ParallelRepo([task], concurrency: 1);
        var env = run.Env();
        env["SERVICE_API_KEY"] = Secret;
        using var driver = OttoProcess.Start(run.Repo.Root, env, "build", "talk while working");
        var stdout = Path.Combine(await AttemptDirAsync(run), "stdout.log");
        await Eventually.WaitUntil(() => File.Exists(stdout), TimeSpan.FromMinutes(1), "the agent's stdout.log");

        // While the attempt lives, its raw output (not redacted yet) is private to this user.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stdout));
        var watch = OttoProcess.RunAsync(run.Repo.Root, env, TimeSpan.FromMinutes(2), "status", "--watch", run.RunId);
        var follow = await OttoProcess.RunAsync(run.Repo.Root, env, TimeSpan.FromMinutes(2), "logs", run.RunId, "talker", "--follow");

        Assert.True(follow.ExitCode == 0, follow.ToString());
        Assert.Contains("step 6 with [REDACTED]", follow.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, follow.Stdout, StringComparison.Ordinal);
        var built = await driver.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(built.ExitCode == 0, built.ToString());
        var watched = await watch;
        Assert.True(watched.ExitCode == 0, watched.ToString());
        Assert.Contains("talker", watched.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"run {run.RunId}: succeeded", watched.Stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, watched.Stdout, StringComparison.Ordinal);
    }

    private static async Task<string> AttemptDirAsync(ParallelRepo run)
    {
        await Eventually.WaitUntil(run.HasPlan, TimeSpan.FromMinutes(1), "the plan to be accepted");
        return Path.Combine(run.RunDir, "tasks", "talker", "attempt-1");
    }
}
