using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #4: verification decides, and the causal failure text travels verbatim: into the fix
/// prompt of the next attempt, and when it never passes, into final.json and `otto status`.
/// </summary>
public sealed class VerifyFailureTests
{
    private const string BrokenSum = """
        files:
          lib/sum.sh: "sum() { echo $(( $1 + $2 - 1 )); }\n"
          tests/test_sum.sh: |
            . ./lib/sum.sh
            got=$(sum 2 2)
            [ "$got" = 4 ] || { echo "sum 2 2: expected <4> & got '$got'"; exit 1; }
        status: { outcome: success, summary: added sum }
        """;

    private const string FixedSum = """
        files:
          lib/sum.sh: "sum() { echo $(( $1 + $2 )); }\n"
        status: { outcome: success, summary: fixed the off-by-one }
        """;

    [Fact]
    public async Task A_verify_failure_is_fixed_by_the_second_attempt_whose_prompt_quotes_the_failing_output()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("sum", BrokenSum, FixedSum));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        Assert.Equal(2, run.AttemptCount("sum"));
        var failedOutput = run.AttemptFile("sum", 1, "verify-1.log").TrimEnd();
        Assert.Contains("sum 2 2: expected <4> & got '3'", failedOutput, StringComparison.Ordinal);
        var fixPrompt = run.AttemptFile("sum", 2, "prompt.md");
        Assert.Contains(failedOutput, fixPrompt, StringComparison.Ordinal);
        Assert.Contains("sh ./test.sh", fixPrompt, StringComparison.Ordinal);
        Assert.Equal("sum() { echo $(( $1 + $2 )); }\n", project.Repo.Show(run.IntegrationBranch, "lib/sum.sh"));
    }

    [Fact]
    public async Task A_failure_that_never_passes_ends_with_the_commands_own_text_in_final_json_and_status()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("sum", BrokenSum), new Dictionary<string, string> { ["max_attempts"] = "2" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        var final = run.Final;
        Assert.Equal("failed", (string?)final["status"]);
        var verbatim = run.AttemptFile("sum", 2, "verify-1.log").TrimEnd();
        Assert.Equal("ok   tests/test_readme.sh\nFAIL tests/test_sum.sh\nsum 2 2: expected <4> & got '3'", verbatim);
        Assert.Equal(verbatim, (string?)final["reason"]);
        Assert.Equal("verification", (string?)run.Cause["kind"]);
        Assert.Equal("sum", (string?)run.Cause["task"]);
        Assert.Equal("sh ./test.sh", (string?)run.Cause["command"]);
        Assert.Equal("max_attempts", (string?)run.Cause["limit"]!["name"]);
        Assert.Equal("2", (string?)run.Cause["limit"]!["value"]);
        Assert.False(Directory.Exists(run.AttemptDir("sum", 3)));
        Assert.Contains("sum 2 2: expected <4> & got '3'", result.Stderr, StringComparison.Ordinal);

        var status = await project.OttoAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"run {run.Id}: failed", status.Stdout, StringComparison.Ordinal);
        foreach (var line in verbatim.Split('\n')) Assert.Contains("  " + line + "\n", status.Stdout, StringComparison.Ordinal);

        var json = await project.OttoAsync("status", run.Id, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var view = (JsonObject)JsonNode.Parse(json.Stdout)!;
        Assert.Equal(run.Id, (string?)view["run_id"]);
        Assert.Equal("failed", (string?)view["status"]);
        Assert.NotNull((string?)view["stage"]);
        Assert.Equal(verbatim, (string?)view["reason"]);
        Assert.Equal(0m, (decimal?)view["cost_usd"]);
        var task = (JsonObject)Assert.Single(view["tasks"]!.AsArray())!;
        Assert.Equal("sum", (string?)task["id"]);
        Assert.Equal("failed", (string?)task["state"]);
        Assert.Equal(2, (int?)task["attempts"]);
        Assert.Equal(run.TaskBranch("sum"), (string?)task["branch"]);
    }
}
