using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 9 #13: a cost nobody reported is unknown, never $0.00. A command agent reports what it spent as
/// `usage` in its status file; one that does not leaves its cost and tokens unknown, and every sum that
/// includes it says so: "$0.25 + unknown" in `otto status` and `otto runs`, cost_known false in their
/// --json and in final.json. Both also show tokens and durations.
/// </summary>
public sealed class CostReportingTests
{
    // `paid` reports its usage; `silent` does not. The planner is the scripted agent, which spends nothing.
    private const string Agent = """
        #!/bin/sh
        mkdir -p lib tests
        echo "echo $OTTO_TASK_ID" > "lib/$OTTO_TASK_ID.sh"
        echo "[ -f lib/$OTTO_TASK_ID.sh ]" > "tests/test_$OTTO_TASK_ID.sh"
        case "$OTTO_TASK_ID" in
          paid) usage=',"usage":{"cost_usd":0.25,"input_tokens":1200,"output_tokens":300}' ;;
          *) usage='' ;;
        esac
        printf '{"outcome":"success","summary":"done"%s}' "$usage" > "$OTTO_STATUS_FILE"

        """;

    private static string Plan(params string[] ids) =>
        "plan:\n  summary: tasks on the command agent\n  tasks:\n" + string.Concat(ids.Select(id =>
            $"    - {{ id: {id}, title: The {id} task, role: feature, depends_on: [], owned_paths: [lib/{id}.sh, tests/test_{id}.sh] }}\n"));

    private static OttoProject Project(params string[] tasks) => OttoProject.Create(
        Plan(tasks),
        agentYaml: "agent: { provider: scripted, scenario: scenario.yaml }\nroles:\n  implementer: { provider: command, command: [\"sh\", \"agent.sh\"] }\n",
        files: new Dictionary<string, string> { ["agent.sh"] = Agent });

    [Fact]
    public async Task A_sum_with_an_unreported_part_says_unknown_in_status_runs_and_final_json()
    {
        using var project = Project("paid", "silent");

        var build = await project.BuildAsync("one paid task and one silent one");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        var paid = run.AttemptJson("paid", 1, "result.json");
        var silent = run.AttemptJson("silent", 1, "result.json");
        Assert.Equal(0.25m, (decimal?)paid["cost_usd"]);
        Assert.Equal(1200, (long?)paid["tokens"]!["input"]);
        Assert.Equal(300, (long?)paid["tokens"]!["output"]);
        Assert.Null(silent["cost_usd"]);
        Assert.Null(silent["tokens"]);

        var final = run.Final;
        Assert.Equal(0.25m, (decimal?)final["cost_usd"]);
        Assert.False((bool)final["cost_known"]!);
        Assert.False((bool)final["tokens_known"]!);
        Assert.Equal(1200, (long?)final["tokens"]!["input"]);

        var status = await project.OttoAsync("status", run.Id);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("cost:   $0.25 + unknown (1 agent run reported no cost)\n", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("tokens: 1,200 in / 300 out + unknown\n", status.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\ntime:   ([0-9.]+ s|\d+ min \d\d s)\n", status.Stdout);
        Assert.Matches(@"\n  paid\s+merged\s+attempts 1  \$0\.25  1,500 tok  [0-9.]+ s\s+The paid task\n", status.Stdout);
        Assert.Matches(@"\n  silent\s+merged\s+attempts 1  unknown  \? tok  [0-9.]+ s\s+The silent task\n", status.Stdout);
        Assert.DoesNotContain("$0.00", status.Stdout, StringComparison.Ordinal);

        var json = await project.OttoAsync("status", run.Id, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var view = (JsonObject)JsonNode.Parse(json.Stdout)!;
        Assert.Equal(0.25m, (decimal?)view["cost_usd"]);
        Assert.False((bool)view["cost_known"]!);
        Assert.True((double)view["duration_s"]! > 0);
        var tasks = view["tasks"]!.AsArray().Cast<JsonObject>().ToDictionary(t => (string)t["id"]!);
        Assert.Equal(0.25m, (decimal?)tasks["paid"]["cost_usd"]);
        Assert.True((bool)tasks["paid"]["cost_known"]!);
        Assert.Equal(300, (long?)tasks["paid"]["tokens"]!["output"]);
        Assert.Null(tasks["silent"]["cost_usd"]);
        Assert.False((bool)tasks["silent"]["cost_known"]!);
        Assert.False((bool)tasks["silent"]["tokens_known"]!);
        Assert.True((double)tasks["silent"]["agent_duration_s"]! > 0);

        var runs = await project.OttoAsync("runs");
        Assert.True(runs.ExitCode == 0, runs.ToString());
        Assert.Matches($@"^{run.Id}  succeeded\s+2 tasks  \$0\.25 \+ unknown\s+1,500\+\? tok\s+([0-9.]+ s|\d+ min \d\d s)\s+one paid task and one silent one\n", runs.Stdout);
        var runsJson = await project.OttoAsync("runs", "--json");
        var row = (JsonObject)JsonNode.Parse(runsJson.Stdout)!.AsArray().Single()!;
        Assert.Equal(0.25m, (decimal?)row["cost_usd"]);
        Assert.False((bool)row["cost_known"]!);
        Assert.False((bool)row["tokens_known"]!);
        Assert.Equal((double?)final["duration_s"], (double?)row["duration_s"]);
    }

    [Fact]
    public async Task A_run_whose_only_agent_reported_nothing_has_an_unknown_cost_not_zero()
    {
        using var project = Project("silent");

        var build = await project.BuildAsync("one silent task");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        Assert.Null(run.Final["cost_usd"]);
        Assert.False((bool)run.Final["cost_known"]!);
        var status = await project.OttoAsync("status", run.Id);
        Assert.Contains("cost:   unknown (1 agent run reported no cost)\n", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("tokens: unknown\n", status.Stdout, StringComparison.Ordinal);
        var view = (JsonObject)JsonNode.Parse((await project.OttoAsync("status", run.Id, "--json")).Stdout)!;
        Assert.Null(view["cost_usd"]);
        var runs = await project.OttoAsync("runs");
        Assert.Matches(@"  1 tasks  unknown\s+\? tok\s+", runs.Stdout);
        var row = (JsonObject)JsonNode.Parse((await project.OttoAsync("runs", "--json")).Stdout)!.AsArray().Single()!;
        Assert.Null(row["cost_usd"]);
    }

    [Fact]
    public async Task A_run_whose_agents_all_reported_their_usage_has_a_known_cost()
    {
        using var project = Project("paid");

        var build = await project.BuildAsync("one paid task");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        Assert.Equal(0.25m, (decimal?)run.Final["cost_usd"]);
        Assert.True((bool)run.Final["cost_known"]!);
        Assert.True((bool)run.Final["tokens_known"]!);
        var status = await project.OttoAsync("status", run.Id);
        Assert.Contains("cost:   $0.25\n", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("tokens: 1,200 in / 300 out\n", status.Stdout, StringComparison.Ordinal);
    }
}
