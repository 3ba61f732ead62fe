using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// Replan and pilot through the `command` provider: shell scripts read $OTTO_STAGE, $OTTO_PROMPT_FILE and
/// write $OTTO_OUTPUT_FILE, exactly as any agent CLI wrapper would.
/// </summary>
public sealed class CommandReplanTests
{
    private const string Planner = """
        #!/bin/sh
        # The planner: classify, plan v1 from a file, and on replan split big when the prompt quotes its failure.
        case "$OTTO_STAGE" in
          classify) printf '{"kind":"feature","size":"small","single_task":false}' > "$OTTO_OUTPUT_FILE" ;;
          plan) cp agents/plan-v1.json "$OTTO_OUTPUT_FILE" ;;
          replan)
            grep -q 'big is too big' "$OTTO_PROMPT_FILE" || { echo 'the failure is not in the prompt' >&2; exit 1; }
            grep -q 'split `big`' "$OTTO_PROMPT_FILE" || { echo 'the split is not in the prompt' >&2; exit 1; }
            cp agents/plan-v2.json "$OTTO_OUTPUT_FILE" ;;
          *) echo "unexpected stage $OTTO_STAGE" >&2; exit 1 ;;
        esac

        """;

    private const string Pilot = """
        #!/bin/sh
        [ "$OTTO_STAGE" = pilot ] || exit 1
        printf '{"action":"split","task":"%s","reason":"it does two things"}' "$OTTO_TASK_ID" > "$OTTO_OUTPUT_FILE"

        """;

    private const string PlanV1 = """
        {"summary":"core, then big","tasks":[
          {"id":"core","title":"Core","description":"Add lib/core.sh.","role":"foundation","depends_on":[],"owned_paths":["lib/core.sh","tests/test_core.sh"],"acceptance":["core"]},
          {"id":"big","title":"Big","description":"Add lib/big.sh.","role":"feature","depends_on":["core"],"owned_paths":["lib/big*.sh","tests/test_big*.sh"],"acceptance":["big"]}]}
        """;

    private const string PlanV2 = """
        {"summary":"big split","tasks":[
          {"id":"big-a","title":"Big part A","description":"a","role":"feature","depends_on":["core"],"owned_paths":["lib/big_a.sh","tests/test_big_a.sh"],"acceptance":["a"]},
          {"id":"big-b","title":"Big part B","description":"b","role":"feature","depends_on":["big-a"],"owned_paths":["lib/big_b.sh","tests/test_big_b.sh"],"acceptance":["b"]}]}
        """;

    [Fact]
    public async Task A_command_pilot_splits_and_a_command_planner_replans()
    {
        var files = new Dictionary<string, string>
        {
            ["agents/planner.sh"] = Planner, ["agents/pilot.sh"] = Pilot, ["agents/plan-v1.json"] = PlanV1, ["agents/plan-v2.json"] = PlanV2,
        };
        var agents = "agent: { provider: scripted, scenario: scenario.yaml }\nroles:\n"
            + "  planner: { provider: command, command: [\"sh\", \"agents/planner.sh\"] }\n"
            + "  pilot: { provider: command, command: [\"sh\", \"agents/pilot.sh\"] }\n";
        using var project = OttoProject.Create(ReplanScenarios.Plan + ReplanScenarios.Tasks(), new Dictionary<string, string> { ["max_attempts"] = "2" },
            agentYaml: agents, files: files);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var decided = Assert.Single(run.EventsOf("pilot_decided"))["data"]!;
        Assert.Equal(("split", "pilot", "big"), ((string?)decided["action"], (string?)decided["by"], (string?)decided["task"]));
        Assert.Equal(2, (int?)run.Final["plan_version"]);
        Assert.Equal(["core", "big-a", "big-b"], run.EventsOf("task_merged").Select(e => (string)e["task"]!));
    }
}
