using Otto.Git;
using Otto.Contracts;
using Otto.Planning;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// The demo end to end: every task's change lands on the integration branch, and the user's checkout
/// (files, index, HEAD) is the same before and after, with a clean `git status` (reliability.md #17).
/// </summary>
public sealed class DemoTests
{
    private static readonly string[] TaskFiles =
        ["lib/calc.sh", "tests/test_calc.sh", "lib/stats.sh", "tests/test_stats.sh", "lib/greet.sh", "tests/test_greet.sh"];

    [Fact]
    public async Task Demo_builds_the_sample_project_and_succeeds()
    {
        var dir = Path.Combine(TestEnvironment.NewTempDir("otto-demo-test-"), "sample");
        var result = await OttoProcess.RunAsync(Path.GetTempPath(), "demo", "--keep", dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var runs = Directory.GetDirectories(Path.Combine(dir, ".otto", "runs"));
        var run = Assert.Single(runs);
        var final = File.ReadAllText(Path.Combine(run, "final.json"));
        Assert.Contains("\"status\": \"succeeded\"", final, StringComparison.Ordinal);
        Assert.Contains("run folder:", result.Stdout, StringComparison.Ordinal);
        // A newcomer's first run shows no contract trouble of the scripted agent's.
        Assert.DoesNotContain("fallback", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("status contract problem", result.Stderr, StringComparison.Ordinal);

        var repo = new GitRepo(dir);
        AssertEveryTaskLanded(repo, "otto/" + Path.GetFileName(run));
        Assert.Equal("refs/heads/main", repo.Git("symbolic-ref", "HEAD").Line);
        Assert.Equal("1", repo.Git("rev-list", "--count", "main").Line);
        Assert.All(TaskFiles, f => Assert.False(File.Exists(Path.Combine(dir, f)), $"{f} appeared in the user's checkout"));
        Assert.Equal("", repo.Git("status", "--porcelain", "--untracked-files=all").Stdout);
        Assert.Contains("/.otto/", File.ReadAllLines(Path.Combine(dir, ".git", "info", "exclude")));
    }

    [Fact]
    public async Task A_build_leaves_the_users_checkout_byte_identical()
    {
        using var repo = new TempRepo();
        foreach (var name in EmbeddedFiles.Names("demo/")) repo.Write(name["demo/".Length..], EmbeddedFiles.Read(name));
        repo.Write(".gitignore", "*.log\n");
        repo.Commit("the demo project");
        repo.Write("local.log", "an ignored file of the user's\n");
        var before = repo.CheckoutFingerprint();
        var head = repo.Head;

        var result = await OttoProcess.RunAsync(repo.Root, "build", "add an arithmetic core with sum and greeting features on top");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(before, repo.CheckoutFingerprint());
        Assert.Equal(head, repo.Head);
        Assert.Equal("", repo.Git("status", "--porcelain", "--untracked-files=all"));
        var run = Path.GetFileName(Assert.Single(Directory.GetDirectories(repo.Path(".otto/runs"))));
        AssertEveryTaskLanded(repo.Repo, "otto/" + run);
    }

    [Fact]
    public async Task The_amendment_demo_shows_a_feature_getting_a_change_in_the_core_s_contract()
    {
        var dir = Path.Combine(TestEnvironment.NewTempDir("otto-demo-test-"), "sample");
        var result = await OttoProcess.RunAsync(Path.GetTempPath(), "demo", "--keep", dir, "--amendment");

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(dir, ".otto", "runs")));
        var final = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run, "final.json")))!;
        Assert.Equal("succeeded", (string?)final["status"]);
        var amendment = Assert.Single(final["amendments"]!.AsArray())!;
        Assert.Equal(("stats", "core", "lib/calc.sh", "made"),
            ((string?)amendment["requester"], (string?)amendment["owner"], (string?)amendment["path"], (string?)amendment["status"]));
        var stats = new GitRepo(dir).Git("show", $"otto/{Path.GetFileName(run)}:lib/stats.sh").Stdout;
        Assert.Contains("diff() { sub", stats, StringComparison.Ordinal);
    }

    private static void AssertEveryTaskLanded(GitRepo repo, string integrationBranch)
    {
        var files = repo.Git("ls-tree", "-r", "--name-only", integrationBranch).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(TaskFiles, f => Assert.Contains(f, files));
        Assert.DoesNotContain(files, f => f.StartsWith(".ai/", StringComparison.Ordinal) || f == "status.json");
        // The stats fix (second attempt) is what landed, not the first attempt's off-by-one.
        Assert.Contains("[ $# -gt 0 ]", repo.Git("show", integrationBranch + ":lib/stats.sh").Stdout, StringComparison.Ordinal);
        // One squash commit per task, each naming its task in a trailer.
        var landed = repo.Git("log", "--format=%(trailers:key=Otto-Task,valueonly)", integrationBranch).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "core", "greet", "stats" }, landed.Order(StringComparer.Ordinal));
    }
}
