using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Converge;

/// <summary>
/// Two tasks green alone, red together (issue 9 item 9, issue 11 "Integration fix"): each claims port 8080
/// in its own file and brings a test that no two services share a port. Each passes on its branch; the
/// integration branch fails. The integration task, on the integration branch, gets the verbatim failure
/// and each task's diff, and either repairs it or fails with the cause and the limit named.
/// </summary>
public sealed class IntegrationFixTests
{
    private const string DuplicatePorts = """
        plan:
          summary: two services
          tasks:
            - { id: api, title: Add the api service, description: ports/api.port and its test., role: feature, depends_on: [], owned_paths: [ports/api.port, tests/test_api_port.sh], acceptance: [a free port] }
            - { id: web, title: Add the web service, description: ports/web.port and its test., role: feature, depends_on: [], owned_paths: [ports/web.port, tests/test_web_port.sh], acceptance: [a free port] }
        tasks:
          api:
            - files:
                ports/api.port: "8080\n"
                tests/test_api_port.sh: |
                  dup=$(cat ports/*.port | sort | uniq -d)
                  [ -z "$dup" ] || { echo "port $dup is claimed twice"; exit 1; }
              status: { outcome: success, summary: api listens on 8080 }
          web:
            - files:
                ports/web.port: "8080\n"
                tests/test_web_port.sh: "[ -s ports/web.port ] || { echo 'web has no port'; exit 1; }\n"
              status: { outcome: success, summary: web listens on 8080 }

        """;

    [Fact]
    public async Task Two_tasks_green_alone_and_red_together_are_repaired_by_the_integration_task_and_the_run_succeeds()
    {
        const string repair = "\n  integration:\n    - files: { ports/web.port: \"8081\\n\" }\n      status: { outcome: success, summary: web moved to 8081 }\n";
        using var project = OttoProject.Create(DuplicatePorts + repair);

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        var checks = run.EventsOf("integration_verified").Select(e => (bool)e["data"]!["passed"]!).ToList();
        Assert.Equal([false, true], checks);
        var added = Assert.Single(run.EventsOf("task_added"));
        Assert.Equal("integration", (string?)added["task"]);
        Assert.Equal("integration", (string?)added["data"]!["role"]);
        Assert.Contains("ports/api.port", added["data"]!["owned_paths"]!.AsArray().Select(p => (string?)p));

        // The prompt holds the failure as the clean checkout printed it, and what each task changed.
        var failure = run.StageFile("integrate", 1, "verify-1.log").TrimEnd();
        Assert.Contains("port 8080 is claimed twice", failure, StringComparison.Ordinal);
        var prompt = run.AttemptFile("integration", 1, "prompt.md");
        Assert.Contains(failure, prompt, StringComparison.Ordinal);
        Assert.Contains("### `api`: Add the api service", prompt, StringComparison.Ordinal);
        Assert.Contains("### `web`: Add the web service", prompt, StringComparison.Ordinal);
        Assert.Contains("+++ b/ports/web.port\n@@ -0,0 +1 @@\n+8080", prompt, StringComparison.Ordinal);

        // It landed like any task: one more squash commit, on top, and the branch now holds the repair.
        var head = (string)run.Final["head_sha"]!;
        Assert.Equal("8081\n", project.Repo.Show(head, "ports/web.port"));
        Assert.Equal("integration", project.Repo.Git("log", "-1", "--format=%(trailers:key=Otto-Task,valueonly)", head).Trim());
        Assert.Equal(3, project.Repo.Git("rev-list", $"{project.Repo.Head}..{head}").Trim().Split('\n').Length);
        Assert.Equal(3, (int)run.Final["tasks"]!["merged"]!);
    }

    [Fact]
    public async Task An_integration_fix_that_never_passes_fails_the_run_with_the_verbatim_cause_and_the_limit()
    {
        const string noRepair = "\n  integration:\n    - files: { notes.txt: \"looked at it\\n\" }\n      status: { outcome: success, summary: could not see the problem }\n";
        using var project = OttoProject.Create(DuplicatePorts + noRepair,
            new Dictionary<string, string> { ["max_attempts"] = "2", ["signature_limit"] = "5" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("failed", (string?)run.Final["status"]);
        Assert.Equal("integration", (string?)run.Cause["task"]);
        Assert.Equal("verification", (string?)run.Cause["kind"]);
        Assert.Equal("max_attempts", (string?)run.Cause["limit"]!["name"]);
        Assert.Equal("2", (string?)run.Cause["limit"]!["value"]);
        Assert.Contains("port 8080 is claimed twice", (string?)run.Final["reason"], StringComparison.Ordinal);
        Assert.Equal(2, run.AttemptCount("integration"));
        Assert.Single(run.EventsOf("integration_verified"));
        // What did land stays landed, and nothing unverified was added to it.
        Assert.Equal("8080\n", project.Repo.Show(run.IntegrationBranch, "ports/web.port"));
        Assert.Null(project.Repo.Show(run.IntegrationBranch, "notes.txt"));
    }
}
