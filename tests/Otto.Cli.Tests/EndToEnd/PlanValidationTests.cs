using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// contracts.md, plan contract: an invalid plan is sent back to the planner once with its problems
/// quoted; a second invalid plan ends the run as a contract failure naming the problem; a valid second
/// plan proceeds.
/// </summary>
public sealed class PlanValidationTests
{
    private const string Valid =
        "{ summary: fixed, tasks: [ { id: a, title: A, role: foundation, depends_on: [], owned_paths: [\"lib/a.sh\"] } ] }";

    public static TheoryData<string, string, string> InvalidPlans => new()
    {
        {
            "cycle",
            "{ summary: s, tasks: [ { id: a, title: A, depends_on: [b], owned_paths: [lib/a.sh] }, { id: b, title: B, depends_on: [a], owned_paths: [lib/b.sh] } ] }",
            "the dependencies form a cycle: a -> b -> a"
        },
        {
            "unknown dependency",
            "{ summary: s, tasks: [ { id: a, title: A, depends_on: [ghost], owned_paths: [lib/a.sh] } ] }",
            "task a depends on 'ghost', which is not a task of this plan"
        },
        {
            "parent path",
            "{ summary: s, tasks: [ { id: a, title: A, depends_on: [], owned_paths: [\"../outside/**\"] } ] }",
            "task a: owned path '../outside/**' leaves the repository with '..'"
        },
        {
            "absolute path",
            "{ summary: s, tasks: [ { id: a, title: A, depends_on: [], owned_paths: [/etc/passwd] } ] }",
            "task a: owned path '/etc/passwd' is absolute; owned paths are relative to the repository root"
        },
        {
            "overlapping paths",
            "{ summary: s, tasks: [ { id: a, title: A, depends_on: [], owned_paths: [\"lib/**\"] }, { id: b, title: B, depends_on: [], owned_paths: [lib/b.sh] } ] }",
            "tasks a and b may run at the same time but both own 'lib/**'/'lib/b.sh'"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public async Task An_invalid_plan_is_re_asked_once_then_fails_as_a_contract_problem(string name, string plan, string problem)
    {
        using var project = OttoProject.Create($"plan:\n  - {plan}\n  - {plan}\n");

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, $"{name}: {result}");
        var run = project.SingleRun();
        Assert.Equal("failed", (string?)run.Final["status"]);
        Assert.Equal("contract", (string?)run.Cause["kind"]);
        Assert.Contains(problem, (string?)run.Final["reason"], StringComparison.Ordinal);
        Assert.Contains(problem, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(problem, run.StageFile("plan", 1, "prompt.md"), StringComparison.Ordinal);
        Assert.Contains("- " + problem, run.StageFile("plan", 2, "prompt.md"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Dir, "stages", "plan", "attempt-3")));
        Assert.Equal(2, run.EventsOf("plan_rejected").Count);
        Assert.Empty(run.EventsOf("plan_accepted"));
        Assert.False(Directory.Exists(Path.Combine(run.Dir, "tasks")));
    }

    [Fact]
    public async Task A_valid_second_plan_proceeds()
    {
        var cycle = (string)InvalidPlans.First()[1];
        var scenario = $"plan:\n  - {cycle}\n  - {Valid}\n" + """
            tasks:
              a:
                - files: { lib/a.sh: "echo a\n" }
                  status: { outcome: success, summary: wrote lib/a.sh }

            """;
        using var project = OttoProject.Create(scenario);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Contains("- the dependencies form a cycle: a -> b -> a", run.StageFile("plan", 2, "prompt.md"), StringComparison.Ordinal);
        Assert.Single(run.EventsOf("plan_rejected"));
        var accepted = Assert.Single(run.EventsOf("plan_accepted"));
        Assert.Equal(1, (int?)accepted["data"]!["version"]);
        Assert.True(File.Exists(Path.Combine(run.Dir, "plan-v1.json")));
        Assert.Equal("echo a\n", project.Repo.Show(run.IntegrationBranch, "lib/a.sh"));
    }
}
