using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// Amendments end to end (docs/ownership.md): a feature needs a change in the contract file of a
/// foundation that has merged. It asks in its status file; otto reopens the foundation, whose new attempt
/// makes the change; the feature gets a new attempt on top of it. And when limits.max_amendments is spent,
/// the feature fails with cause ownership naming the path and its owner.
/// </summary>
public sealed class AmendmentTests
{
    private static string Plan(string coreWaitsFor = "") => $$"""
        classification: { kind: feature, size: small, single_task: false }
        plan:
          summary: an arithmetic core, then a feature on top of it
          tasks:
            - { id: core, title: Arithmetic core, description: lib/calc.sh with add, role: foundation, depends_on: [], owned_paths: [lib/calc.sh, tests/test_calc.sh], acceptance: [add works] }
            - { id: stats, title: Differences, description: lib/stats.sh with diff, role: feature, depends_on: [core], owned_paths: [lib/stats.sh, tests/test_stats.sh], acceptance: [diff 5 3 prints 2] }
          contracts:
            - { path: lib/calc.sh, owner: core }
        tasks:
          core:
            - files:
                lib/calc.sh: "add() { echo $(( $1 + $2 )); }\n"
                tests/test_calc.sh: ". ./lib/calc.sh\n[ \"$(add 2 3)\" = 5 ] || exit 1\n"
              status: { outcome: success, summary: add in lib/calc.sh }
            - files:
                lib/calc.sh: "add() { echo $(( $1 + $2 )); }\nsub() { echo $(( $1 - $2 )); }\n"
              run: [ "while [ -n '{{coreWaitsFor}}' ] && [ ! -e '{{coreWaitsFor}}' ]; do sleep 0.05; done" ]
              status: { outcome: success, summary: "added sub A B to lib/calc.sh" }
          stats:
            - files: { lib/stats.sh: "# waits for sub in lib/calc.sh\n" }
              status:
                outcome: fail
                failure_reason: lib/calc.sh has no sub
                amendments: [ { path: lib/calc.sh, change: "add sub A B, printing A minus B", reason: "diff is built on it" } ]

        """;

    private const string Made = """
            - files:
                lib/stats.sh: ". ./lib/calc.sh\ndiff() { sub \"$1\" \"$2\"; }\n"
                tests/test_stats.sh: ". ./lib/stats.sh\n[ \"$(diff 5 3)\" = 2 ] || { echo \"diff 5 3: got $(diff 5 3)\"; exit 1; }\n"
              status: { outcome: success, summary: diff on top of sub }

        """;

    private const string AsksAgain = """
            - files: { lib/stats.sh: ". ./lib/calc.sh\n" }
              status:
                outcome: success
                summary: needs one more change
                amendments: [ { path: lib/calc.sh, change: "add neg A", reason: "diff of one number" } ]

        """;

    [Fact]
    public async Task A_feature_gets_a_change_in_a_merged_foundation_contract_and_succeeds()
    {
        using var gate = new TempDir();
        var open = Path.Combine(gate.Path, "open");
        using var project = OttoProject.Create(Plan(open) + Made);

        using var build = project.StartBuild();
        // While core makes the change (its attempt waits for the test), stats says what it waits on.
        await Eventually.WaitUntil(() => project.RunIds().Count == 1 && File.Exists(Path.Combine(project.SingleRun().Dir, "events.ndjson")) && project.SingleRun().EventsOf("attempt_started", "core").Count == 2,
            OttoProject.Timeout, "core's second attempt");
        var status = await project.OttoAsync("status", "--json");
        var text = await project.OttoAsync("status");
        File.WriteAllText(open, "");
        var result = await build.WaitAsync(OttoProject.Timeout);

        var run = project.SingleRun();
        var stats = System.Text.Json.Nodes.JsonNode.Parse(status.Stdout)!["tasks"]!.AsArray().Single(t => (string?)t!["id"] == "stats")!;
        Assert.Equal("pending", (string?)stats["state"]);
        Assert.Equal("amendment 1 (lib/calc.sh): task core makes it in attempt 2", (string?)stats["waiting_on"]);
        Assert.Contains("waiting on amendment 1 (lib/calc.sh): task core makes it in attempt 2", text.Stdout, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        // Every step is an event: asked by stats, the merged core reopened, the change made.
        var requested = Assert.Single(run.EventsOf("amendment_requested", "stats"));
        Assert.Equal(1, (int?)requested["attempt"]);
        Assert.Equal("core", (string?)requested["data"]!["amendments"]![0]!["owner"]);
        Assert.Single(run.EventsOf("amendment_routed", "core"));
        Assert.Single(run.EventsOf("amendment_reopened", "core"));
        var made = Assert.Single(run.EventsOf("amendment_made", "core"));
        Assert.Empty(run.EventsOf("amendment_refused"));
        // The owner's second attempt was asked for it, and made it; the feature's second attempt built on it.
        Assert.Equal(2, run.AttemptCount("core"));
        Assert.Contains("task `stats` asks, in `lib/calc.sh`: add sub A B", run.AttemptFile("core", 2, "prompt.md"), StringComparison.Ordinal);
        Assert.Equal(2, run.AttemptCount("stats"));
        var secondPrompt = run.AttemptFile("stats", 2, "prompt.md");
        Assert.Contains("The changes you asked for are made", secondPrompt, StringComparison.Ordinal);
        Assert.Contains("added sub A B to lib/calc.sh", secondPrompt, StringComparison.Ordinal);
        Assert.Contains("sub() { echo", project.Repo.Show(run.IntegrationBranch, "lib/calc.sh") ?? "", StringComparison.Ordinal);
        Assert.Contains("diff()", project.Repo.Show(run.IntegrationBranch, "lib/stats.sh") ?? "", StringComparison.Ordinal);
        var amendment = Assert.IsType<JsonObject>(Assert.Single(run.Final["amendments"]!.AsArray()));
        Assert.Equal("made", (string?)amendment["status"]);
        Assert.Equal((string?)made["data"]!["commit"], (string?)amendment["commit"]);
        Assert.Equal(2, (int?)amendment["owner_attempt"]);
        Assert.Equal(2, (int?)run.Final["tasks"]!["merged"]);
    }

    [Fact]
    public async Task A_feature_whose_amendment_exceeds_max_amendments_fails_with_cause_ownership()
    {
        using var project = OttoProject.Create(Plan() + AsksAgain, new Dictionary<string, string> { ["max_amendments"] = "1" });

        var result = await project.BuildAsync();

        var run = project.SingleRun();
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("ownership", (string?)run.Cause["kind"]);
        Assert.Equal("stats", (string?)run.Cause["task"]);
        Assert.Equal("max_amendments", (string?)run.Cause["limit"]!["name"]);
        Assert.Equal("1", (string?)run.Cause["limit"]!["value"]);
        var reason = (string?)run.Final["reason"] ?? "";
        Assert.Contains("lib/calc.sh", reason, StringComparison.Ordinal);
        Assert.Contains("owned by task core", reason, StringComparison.Ordinal);
        // The first amendment was made; the second was refused by the limit, and nothing of it landed.
        var amendments = run.Final["amendments"]!.AsArray().Select(a => (string?)a!["status"]).ToList();
        Assert.Equal(["made", "refused"], amendments);
        var refused = Assert.Single(run.EventsOf("amendment_refused", "stats"));
        Assert.Equal("max_amendments", (string?)refused["data"]!["limit"]!["name"]);
        Assert.DoesNotContain("neg", project.Repo.Show(run.IntegrationBranch, "lib/calc.sh") ?? "", StringComparison.Ordinal);
        Assert.Equal(2, run.AttemptCount("core"));
    }
}
