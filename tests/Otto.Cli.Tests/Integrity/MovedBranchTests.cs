using Otto.Tests.Parallel;

namespace Otto.Tests.Integrity;

/// <summary>
/// Issue 8, case 2: an agent that moves the integration branch (here back to the base, after a sibling
/// merged) never makes otto drop the sibling's work or call the run a success; `otto resume --restore-branch`
/// puts otto's head back, keeps what was found, and the run goes on to merge everything once.
/// </summary>
public sealed class MovedBranchTests
{
    [Fact]
    public async Task A_rewound_integration_branch_stops_the_run_and_restore_branch_finishes_it()
    {
        var first = new TaskSpec("first", Sleep: 0);
        var rewinder = new TaskSpec("rewinder", Sleep: 0, DependsOn: ["first"])
        {
            Commands = ["git update-ref \"refs/heads/otto/$OTTO_RUN_ID\" \"$(git rev-parse refs/heads/main)\""],
        };
        using var run = new ParallelRepo([first, rewinder], concurrency: 1);
        var baseSha = run.Repo.Head;

        var build = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "rewind the branch");

        Assert.True(build.ExitCode == 1, build.ToString());
        var final = run.Final();
        Assert.Equal("failed", (string?)final["status"]);
        Assert.Equal("integrity", (string?)final["cause"]!["kind"]);
        var reason = (string?)final["reason"]!;
        Assert.Contains($"refs/heads/otto/{run.RunId}", reason, StringComparison.Ordinal);
        Assert.Contains(baseSha, reason, StringComparison.Ordinal);
        var recorded = (string)final["head_sha"]!;
        Assert.NotEqual(baseSha, recorded);
        Assert.Equal("first\n", run.Repo.Show(recorded, "out/first.txt")); // otto's head still holds the sibling's work

        var resume = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "resume", run.RunId, "--restore-branch");

        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Contains("put back", resume.Stderr, StringComparison.Ordinal);
        Assert.Equal("succeeded", (string?)run.Final()["status"]);
        var branch = $"otto/{run.RunId}";
        Assert.Equal("first\n", run.Repo.Show(branch, "out/first.txt"));
        Assert.Equal("rewinder\n", run.Repo.Show(branch, "out/rewinder.txt"));
        Assert.Single(run.Events("task_merged"), e => (string?)e["task"] == "first");
        Assert.Contains(baseSha, run.Repo.Git("for-each-ref", "--format=%(objectname)", $"refs/otto/displaced/{run.RunId}"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run.RunDir, "final.previous.json")));
    }
}
