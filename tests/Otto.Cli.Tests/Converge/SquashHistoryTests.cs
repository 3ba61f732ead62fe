using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Converge;

/// <summary>
/// The integration branch a reviewer reads (issue 12): in squash style one commit per merged task, single
/// parent, subject = the task's title, the agent's summary and what verified it in the body, the trailers
/// Otto-Run, Otto-Task and Otto-Attempt; no unverified attempt on it; every commit passes the checks.
/// </summary>
public sealed class SquashHistoryTests
{
    /// <summary>Two tasks; `sum` fails its first attempt (an off-by-one) and its fix passes.</summary>
    private const string TwoTasksOneFixed = """
        plan:
          summary: two independent helpers
          tasks:
            - { id: sum, title: Add a sum helper, description: lib/sum.sh and its test., role: feature, depends_on: [], owned_paths: [lib/sum.sh, tests/test_sum.sh], acceptance: [sum 2 2 is 4] }
            - { id: greet, title: Add a greeting, description: lib/greet.sh and its test., role: feature, depends_on: [], owned_paths: [lib/greet.sh, tests/test_greet.sh], acceptance: [it greets] }
        tasks:
          sum:
            - files:
                lib/sum.sh: "sum() { echo $(( $1 + $2 - 1 )); }\n"
                tests/test_sum.sh: |
                  . ./lib/sum.sh
                  [ "$(sum 2 2)" = 4 ] || { echo "sum 2 2 is not 4"; exit 1; }
              status: { outcome: success, summary: added sum }
            - files: { lib/sum.sh: "sum() { echo $(( $1 + $2 )); }\n" }
              status: { outcome: success, summary: 'sum adds its two arguments; fixed the off-by-one' }
          greet:
            - files: { lib/greet.sh: "echo hello\n", tests/test_greet.sh: "[ \"$(sh lib/greet.sh)\" = hello ]\n" }
              status: { outcome: success, summary: greet prints hello }

        """;

    [Fact]
    public async Task Every_commit_is_one_verified_task_with_the_three_trailers_on_a_linear_history_and_passes_the_checks()
    {
        using var project = OttoProject.Create(TwoTasksOneFixed);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var head = (string)run.Final["head_sha"]!;
        var baseSha = project.Repo.Head;
        var commits = project.Repo.Git("rev-list", "--parents", "--reverse", $"{baseSha}..{head}").Trim().Split('\n').Select(l => l.Split(' ')).ToList();
        Assert.Equal(2, commits.Count);
        Assert.All(commits, c => Assert.Equal(2, c.Length)); // one parent each: linear
        Assert.Equal(baseSha, commits[0][1]);
        Assert.Equal(commits[0][0], commits[1][1]);
        var byTask = new Dictionary<string, string>();
        foreach (var commit in commits.Select(c => c[0]))
        {
            var message = project.Repo.Git("log", "-1", "--format=%B", commit);
            var trailers = project.Repo.Git("log", "-1", "--format=%(trailers:only,unfold)", commit).Trim().Split('\n');
            Assert.Equal(3, trailers.Length);
            Assert.Equal($"Otto-Run: {run.Id}", trailers[0]);
            var task = Assert.Single(trailers, t => t.StartsWith("Otto-Task: ", StringComparison.Ordinal))["Otto-Task: ".Length..];
            Assert.Matches("^Otto-Attempt: [12]$", trailers[2]);
            byTask[task] = message;
        }
        Assert.StartsWith("Add a sum helper\n\nsum adds its two arguments; fixed the off-by-one\n\nVerified: `sh ./test.sh` passed on attempt 2 (", byTask["sum"], StringComparison.Ordinal);
        Assert.Contains("Otto-Attempt: 2\n", byTask["sum"], StringComparison.Ordinal);
        Assert.StartsWith("Add a greeting\n\ngreet prints hello\n\n", byTask["greet"], StringComparison.Ordinal);

        // The failed first attempt of sum stays on its task branch, for audit, and nowhere on otto/<run>.
        var attempt1 = (string)run.EventsOf("changes_committed", "sum").Single(e => (int?)e["attempt"] == 1)["data"]!["commit"]!;
        Assert.True(project.Repo.TryGit("merge-base", "--is-ancestor", attempt1, run.TaskBranch("sum")).ExitCode == 0);
        Assert.Equal(1, project.Repo.TryGit("merge-base", "--is-ancestor", attempt1, head).ExitCode);
        Assert.DoesNotContain("passed on attempt 1", byTask["sum"], StringComparison.Ordinal);

        // git bisect-clean: every commit of the branch passes the project's own checks on a clean checkout.
        foreach (var commit in commits.Select(c => c[0]))
        {
            var checkout = Path.Combine(Path.GetDirectoryName(project.Root)!, "bisect-" + commit[..8]);
            project.Repo.Git("worktree", "add", "--quiet", "--detach", checkout, commit);
            var check = await Otto.Platform.ShellCommand.RunAsync("sh ./test.sh", checkout, Path.Combine(checkout, "..", $"check-{commit[..8]}.log"),
                TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2), null, CancellationToken.None);
            Assert.True(check.ExitCode == 0, $"{commit} fails sh ./test.sh");
        }
    }

    [Fact]
    public async Task Merge_style_keeps_a_merge_commit_per_task_with_the_trailers()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: "integration:\n  style: merge\n");

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var head = (string)run.Final["head_sha"]!;
        var parents = project.Repo.Git("rev-list", "--parents", "-n", "1", head).Trim().Split(' ');
        Assert.Equal(3, parents.Length);
        Assert.Equal(project.Repo.Git("rev-parse", run.TaskBranch("work")).Trim(), parents[2]);
        Assert.Equal($"otto: merge task work: The work\n\nOtto-Run: {run.Id}\nOtto-Task: work\nOtto-Attempt: 1\n", project.Repo.Git("log", "-1", "--format=%B", head).TrimEnd() + "\n");
    }
}
