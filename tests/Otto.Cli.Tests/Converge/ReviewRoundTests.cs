using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Converge;

/// <summary>
/// The reviewer stage (issue 12) with a `command` reviewer: a shell script that reads the integration
/// branch's checkout it is given and answers `.ai/review.json` as a real reviewer would, by what the code
/// says. A blocker becomes a fix round of the task owning its path; the branch is verified and reviewed
/// again; what the last allowed round still finds is reported in final.json and the PR body.
/// </summary>
public sealed class ReviewRoundTests
{
    /// <summary>One task; attempt 1 passes the tests but evaluates its arguments, the later attempts as given.</summary>
    private static string Scenario(string fixedAdd) => $$"""
        plan:
          summary: an add helper
          tasks:
            - { id: add, title: Add an add helper, description: lib/add.sh and its test., role: feature, depends_on: [], owned_paths: [lib/add.sh, tests/test_add.sh], acceptance: [add 2 2 is 4] }
        tasks:
          add:
            - files:
                lib/add.sh: "add() { eval \"echo \\$(( $1 + $2 ))\"; }\n"
                tests/test_add.sh: |
                  . ./lib/add.sh
                  [ "$(add 2 2)" = 4 ] || { echo "add 2 2 is not 4"; exit 1; }
              status: { outcome: success, summary: add prints the sum }
            - files: { lib/add.sh: "{{fixedAdd}}" }
              status: { outcome: success, summary: 'add no longer evaluates its arguments' }

        """;

    /// <summary>Finds a blocker while lib/add.sh uses eval (and a nit on the README, which nobody owns), else approves.</summary>
    private const string Reviewer = """
        mkdir -p "$(dirname "$OTTO_OUTPUT_FILE")"
        if grep -q eval lib/add.sh; then
          cat > "$OTTO_OUTPUT_FILE" <<'EOF'
        { "verdict": "request_changes", "summary": "add evaluates its arguments",
          "findings": [
            { "path": "lib/add.sh", "line": 1, "severity": "blocker", "message": "eval runs whatever the caller passes: use $(( )) directly" },
            { "path": "README.md", "severity": "nit", "message": "say that add exists" } ] }
        EOF
        else
          cat > "$OTTO_OUTPUT_FILE" <<'EOF'
        { "verdict": "approve", "summary": "small and safe", "findings": [ { "path": "README.md", "severity": "nit", "message": "say that add exists" } ] }
        EOF
        fi

        """;

    private const string ReviewerRole = "roles:\n  reviewer: { provider: command, command: [sh, review.sh] }\n";

    private static OttoProject Project(string fixedAdd, IReadOnlyDictionary<string, string>? limits = null, bool reviewOn = true) =>
        OttoProject.Create(Scenario(fixedAdd), limits, extraYaml: (reviewOn ? "review:\n  enabled: true\n" : "") + ReviewerRole,
            files: new Dictionary<string, string> { ["review.sh"] = Reviewer });

    [Fact]
    public async Task A_blocker_goes_to_the_owning_task_and_the_second_review_approves_the_fix()
    {
        using var project = Project("add() { echo $(( $1 + $2 )); }\\n");

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        var reviews = run.EventsOf("review_finished").Select(e => e["data"]!).ToList();
        Assert.Equal(["request_changes", "approve"], reviews.Select(r => (string?)r["verdict"]));
        Assert.Equal([1, 2], reviews.Select(r => (int)r["round"]!));

        // The blocker (not the nit, and nothing to the integration task) became a fix round of `add`.
        var reopened = Assert.Single(run.EventsOf("task_reopened"));
        Assert.Equal("add", (string?)reopened["task"]);
        Assert.Empty(run.EventsOf("task_added"));
        var findings = reopened["data"]!["round"]!["findings"]!.AsArray();
        Assert.Equal("blocker", (string?)Assert.Single(findings)!["severity"]);
        Assert.Contains("eval runs whatever the caller passes", run.AttemptFile("add", 2, "prompt.md"), StringComparison.Ordinal);

        // The fix was verified on the integration branch before the second review, and landed as its own commit.
        Assert.Equal([true, true], run.EventsOf("integration_verified").Select(e => (bool)e["data"]!["passed"]!));
        var head = (string)run.Final["head_sha"]!;
        Assert.Equal((string?)reviews[1]["sha"], head);
        Assert.DoesNotContain("eval", project.Repo.Show(head, "lib/add.sh"), StringComparison.Ordinal);
        Assert.Equal("Add an add helper (review round 1 fixes)", project.Repo.Git("log", "-1", "--format=%s", head).Trim());
        Assert.Equal("2", project.Repo.Git("log", "-1", "--format=%(trailers:key=Otto-Attempt,valueonly)", head).Trim());
        Assert.Equal(2, project.Repo.Git("rev-list", $"{project.Repo.Head}..{head}").Trim().Split('\n').Length);

        var review = run.Final["review"]!;
        Assert.Equal((2, "approve", 0), ((int)review["rounds"]!, (string?)review["verdict"], (int)review["unresolved"]!));
        Assert.Equal("say that add exists", (string?)Assert.Single(review["findings"]!.AsArray())!["message"]);
        Assert.Equal("approve", (string?)run.Json("review.json")["verdict"]);
        Assert.Equal("request_changes", (string?)run.Json("review-1.json")["verdict"]);
    }

    [Fact]
    public async Task When_the_review_rounds_run_out_the_findings_are_in_final_json_and_the_pr_body()
    {
        using var project = Project("# checked\\nadd() { eval \\\"echo \\\\$(( $1 + $2 ))\\\"; }\\n", new Dictionary<string, string> { ["max_review_rounds"] = "2" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("failed", (string?)run.Final["status"]);
        Assert.Equal("review", (string?)run.Cause["kind"]);
        Assert.Equal(("max_review_rounds", "2"), ((string?)run.Cause["limit"]!["name"], (string?)run.Cause["limit"]!["value"]));
        Assert.Contains("lib/add.sh:1: eval runs whatever the caller passes", (string?)run.Final["reason"], StringComparison.Ordinal);
        Assert.Equal(2, run.EventsOf("review_finished").Count);
        Assert.Single(run.EventsOf("task_reopened"));
        var review = run.Final["review"]!;
        Assert.Equal((2, "request_changes", 1), ((int)review["rounds"]!, (string?)review["verdict"], (int)review["unresolved"]!));
        Assert.Equal(["blocker", "nit"], review["findings"]!.AsArray().Select(f => (string?)f!["severity"]));
        // The verified branch (with the unfixed code, which passes the tests) is what a PR would show.
        Assert.Contains("eval", project.Repo.Show(run.IntegrationBranch, "lib/add.sh"), StringComparison.Ordinal);

        var pr = await project.OttoAsync("pr", run.Id, "--allow-failed");

        Assert.True(pr.ExitCode == 0, pr.ToString());
        var body = File.ReadAllText(Path.Combine(run.Dir, "pr.md"));
        Assert.Contains("## Review: request_changes", body, StringComparison.Ordinal);
        Assert.Contains("eval runs whatever the caller passes", body, StringComparison.Ordinal);
        Assert.Contains("max_review_rounds", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otto_review_reopens_a_succeeded_run_fixes_the_blocker_and_prints_what_is_left()
    {
        using var project = Project("add() { echo $(( $1 + $2 )); }\\n", reviewOn: false);
        Assert.Equal(0, (await project.BuildAsync()).ExitCode);
        var run = project.SingleRun();
        Assert.Empty(run.EventsOf("review_finished"));
        var verified = (string)run.Final["head_sha"]!;

        var review = await project.OttoAsync("review", run.Id);

        Assert.True(review.ExitCode == 0, review.ToString());
        Assert.Equal("otto review", (string?)Assert.Single(run.EventsOf("review_requested"))["data"]!["by"]);
        Assert.Equal(["request_changes", "approve"], run.EventsOf("review_finished").Select(e => (string?)e["data"]!["verdict"]));
        Assert.Equal(2, run.EventsOf("run_finished").Count);
        var head = (string)run.Final["head_sha"]!;
        Assert.Equal(verified, project.Repo.Git("rev-parse", head + "~1").Trim());
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        Assert.Equal(2, (int)run.Final["review"]!["rounds"]!);
        Assert.True(File.Exists(Path.Combine(run.Dir, "final.previous.json")));
        Assert.StartsWith($"review round 2 of {run.IntegrationBranch} at {head[..12]}: approve\nsmall and safe\n- [nit] README.md: say that add exists\n", review.Stdout, StringComparison.Ordinal);

        var json = await project.OttoAsync("review", run.Id, "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        var printed = System.Text.Json.Nodes.JsonNode.Parse(json.Stdout)!;
        Assert.Equal(("approve", 1, head), ((string?)printed["verdict"], (int)printed["round"]!, (string?)printed["sha"]));
        Assert.True(File.Exists(Path.Combine(run.Dir, "review-3.json")));
    }

    [Fact]
    public async Task Otto_review_refuses_a_run_whose_branch_was_never_verified_and_changes_nothing()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", "files: { \"tests/test_work.sh\": \"echo 'work is broken'; exit 1\\n\" }"), new Dictionary<string, string> { ["max_attempts"] = "1" });
        Assert.Equal(1, (await project.BuildAsync()).ExitCode);
        var run = project.SingleRun();
        var events = File.ReadAllText(Path.Combine(run.Dir, "events.ndjson"));

        var review = await project.OttoAsync("review", run.Id);

        Assert.Equal(2, review.ExitCode);
        Assert.Equal($"otto: run {run.Id} ended failed (verification in task work) before its integration branch was verified; there is nothing verified to review", review.Stderr.Trim());
        Assert.Equal(events, File.ReadAllText(Path.Combine(run.Dir, "events.ndjson")));
    }
}
