using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #8: every agent's stdin is /dev/null, so an agent that reads stdin gets end-of-file at
/// once and finishes instead of hanging (stall_timeout is long here so a hang would fail the run).
/// </summary>
public sealed class StdinTests
{
    private static readonly Dictionary<string, string> LongStall = new() { ["stall_timeout"] = "2m", ["max_attempts"] = "1" };

    [Fact]
    public async Task A_scripted_agent_that_runs_cat_finishes()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork("work", "run: [\"cat > lib/stdin.txt\"]")), LongStall);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Null((string?)Assert.Single(run.EventsOf("attempt_finished", "work"))["data"]!["killed_by"]);
        Assert.Equal("", project.Repo.Show(run.IntegrationBranch, "lib/stdin.txt"));
    }

    [Fact]
    public async Task A_command_agent_that_reads_stdin_finishes()
    {
        const string agent = """
            agent:
              provider: scripted
              scenario: scenario.yaml
            roles:
              implementer:
                provider: command
                command: ["sh", "-c", "mkdir -p lib && cat > lib/work.sh && echo 'read stdin to its end' && printf '%s' '{\"outcome\":\"success\",\"summary\":\"read stdin\"}' > \"$OTTO_STATUS_FILE\""]

            """;
        using var project = OttoProject.Create(Scenarios.OneTaskPlan("work"), LongStall, agent);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var finished = Assert.Single(run.EventsOf("attempt_finished", "work"));
        Assert.Null((string?)finished["data"]!["killed_by"]);
        Assert.Equal(0, (int?)finished["data"]!["exit_code"]);
        Assert.Contains("read stdin to its end", run.AttemptFile("work", 1, "stdout.log"), StringComparison.Ordinal);
        Assert.Equal("/dev/null", (string?)run.AttemptJson("work", 1, "invocation.json")["stdin"]);
        Assert.Equal("read stdin", (string?)run.AttemptJson("work", 1, "status.json")["summary"]);
        Assert.Equal("", project.Repo.Show(run.IntegrationBranch, "lib/work.sh"));
    }
}
