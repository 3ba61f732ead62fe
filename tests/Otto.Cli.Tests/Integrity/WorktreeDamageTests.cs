using Otto.Tests.Parallel;

namespace Otto.Tests.Integrity;

/// <summary>
/// Issue 8, item 9: an agent that deletes its worktree's `.git`, or rewinds its history below the commit
/// otto started it from, is reported as what it did (cause `agent`, with the fact), not as an internal
/// error or as an ownership problem with files it never touched; the next attempt starts clean and the
/// run still ends with the work merged once.
/// </summary>
public sealed class WorktreeDamageTests
{
    private const string Again = "output: [\"again\"]\nfiles:\n  out/{0}.txt: \"{0}\\n\"\nstatus: { outcome: success, summary: done }";

    [Theory]
    [InlineData("rm -rf .git", "deleted its worktree's .git")]
    [InlineData("git reset -q --hard HEAD~1", "moved its worktree's history below the commit otto started it from")]
    public async Task The_damage_is_the_agents_failure_and_the_next_attempt_starts_clean(string command, string fact)
    {
        var task = new TaskSpec("damager", Sleep: 0) { Commands = [command], LaterAttempts = [Again.Replace("{0}", "damager", StringComparison.Ordinal)] };
        using var run = new ParallelRepo([task], concurrency: 1);

        var build = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "damage the worktree");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("internal", build.Stderr, StringComparison.OrdinalIgnoreCase);
        var failure = Assert.Single(run.Events("attempt_failed"));
        Assert.Equal("agent", (string?)failure["data"]!["kind"]);
        Assert.Contains(fact, (string?)failure["data"]!["reason"], StringComparison.Ordinal);
        Assert.Equal(1, (int?)failure["attempt"]);
        var branch = $"otto/{run.RunId}";
        Assert.Equal("damager\n", run.Repo.Show(branch, "out/damager.txt"));
        Assert.NotNull(run.Repo.Show(branch, "otto.yaml")); // nothing of the base was lost to the rewind
        Assert.Single(run.Events("task_merged"));
    }
}
