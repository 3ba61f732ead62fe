using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #3: the status contract. Canonical or fallback location, no file, invalid JSON, wrong
/// types: each is reported precisely (attempt status.json, status_ingested event), the agent's work is
/// committed to its task branch first, verification decides, and neither .ai/ nor a fallback
/// status.json is ever committed.
/// </summary>
public sealed class StatusContractTests
{
    [Fact]
    public async Task A_status_written_only_to_the_fallback_location_is_accepted_and_never_committed()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work",
            Scenarios.PassingWork("work", "status_path: status.json\nstatus: { outcome: Success, summary: wrote lib/work.sh }")));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var status = run.AttemptJson("work", 1, "status.json");
        Assert.Equal("status.json", (string?)status["source"]);
        Assert.Null((string?)status["error"]);
        Assert.Equal("success", (string?)status["outcome"]);
        Assert.Equal("wrote lib/work.sh", (string?)status["summary"]);
        var ingested = Assert.Single(run.EventsOf("status_ingested", "work"));
        Assert.Equal("status.json", (string?)ingested["data"]!["source"]);
        Assert.Null((string?)ingested["data"]!["error"]);
        AssertNoContractFilesCommitted(project, run, "work");
    }

    [Fact]
    public async Task A_root_status_written_beside_the_canonical_one_is_not_committed_either()
    {
        var step = """
            files: { "lib/work.sh": "echo work\n", "tests/test_work.sh": "[ -f lib/work.sh ]\n", "status.json": "{\"outcome\": \"success\"}\n" }
            status: { outcome: success, summary: wrote both }
            """;
        using var project = OttoProject.Create(Scenarios.OneTask("work", step));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        Assert.Equal(".ai/status.json", (string?)run.AttemptJson("work", 1, "status.json")["source"]);
        AssertNoContractFilesCommitted(project, run, "work");
    }

    [Fact]
    public async Task No_status_file_is_a_precise_contract_problem_but_verification_decides()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork("work")));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var status = run.AttemptJson("work", 1, "status.json");
        Assert.Null((string?)status["source"]);
        Assert.Equal("no status file: the agent wrote neither .ai/status.json nor status.json", (string?)status["error"]);
        var ingested = Assert.Single(run.EventsOf("status_ingested", "work"));
        Assert.Equal((string?)status["error"], (string?)ingested["data"]!["error"]);
        Assert.Equal("echo work\n", project.Repo.Show(run.TaskBranch("work"), "lib/work.sh"));
        Assert.Equal("echo work\n", project.Repo.Show(run.IntegrationBranch, "lib/work.sh"));
        Assert.Single(run.EventsOf("task_merged", "work"));
    }

    [Fact]
    public async Task Invalid_json_is_reported_with_its_file_and_the_work_still_merges_when_verified()
    {
        var step = """
            files: { "lib/work.sh": "echo work\n", "tests/test_work.sh": "[ -f lib/work.sh ]\n", ".ai/notes.md": "scratch notes\n" }
            status_raw: '{ "outcome": "success", "summary": '
            """;
        using var project = OttoProject.Create(Scenarios.OneTask("work", step));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var status = run.AttemptJson("work", 1, "status.json");
        Assert.Equal(".ai/status.json", (string?)status["source"]);
        var error = (string?)status["error"];
        Assert.NotNull(error);
        Assert.StartsWith(".ai/status.json is not valid JSON at line 1, column ", error, StringComparison.Ordinal);
        var ingested = Assert.Single(run.EventsOf("status_ingested", "work"));
        Assert.Equal(".ai/status.json", (string?)ingested["data"]!["source"]);
        Assert.Equal(error, (string?)ingested["data"]!["error"]);
        Assert.Single(run.EventsOf("task_merged", "work"));
        AssertNoContractFilesCommitted(project, run, "work");
    }

    [Fact]
    public async Task Wrong_types_are_reported_as_schema_errors_naming_the_field()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work",
            Scenarios.PassingWork("work", "status_raw: '{ \"outcome\": 42, \"summary\": [\"a list\"] }'")));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var status = run.AttemptJson("work", 1, "status.json");
        Assert.Equal(".ai/status.json", (string?)status["source"]);
        var error = (string?)status["error"];
        Assert.NotNull(error);
        Assert.StartsWith(".ai/status.json: ", error, StringComparison.Ordinal);
        Assert.Contains("outcome must be a string", error, StringComparison.Ordinal);
        Assert.Contains("summary must be a string", error, StringComparison.Ordinal);
        Assert.Equal(error, (string?)Assert.Single(run.EventsOf("status_ingested", "work"))["data"]!["error"]);
        Assert.Single(run.EventsOf("task_merged", "work"));
    }

    [Fact]
    public async Task When_verification_fails_the_work_is_still_kept_on_the_task_branch()
    {
        var step = """
            files: { "lib/work.sh": "echo half done\n", "tests/test_work.sh": "echo 'not finished yet'; exit 1\n", ".ai/notes.md": "notes\n" }
            status_raw: 'not json at all'
            """;
        using var project = OttoProject.Create(Scenarios.OneTask("work", step), new Dictionary<string, string> { ["max_attempts"] = "1" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Equal("echo half done\n", project.Repo.Show(run.TaskBranch("work"), "lib/work.sh"));
        Assert.Null(project.Repo.Show(run.IntegrationBranch, "lib/work.sh"));
        Assert.Equal("verification", (string?)run.Cause["kind"]);
        Assert.Contains("not finished yet", (string?)run.Final["reason"], StringComparison.Ordinal);
        AssertNoContractFilesCommitted(project, run, "work");
    }

    private static void AssertNoContractFilesCommitted(OttoProject project, RunFolder run, string task)
    {
        foreach (var branch in new[] { run.TaskBranch(task), run.IntegrationBranch })
        {
            var files = project.Repo.Git("ls-tree", "-r", "--name-only", branch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.DoesNotContain(files, f => f.StartsWith(".ai/", StringComparison.Ordinal));
            Assert.DoesNotContain("status.json", files);
            var history = project.Repo.Git("log", "--format=", "--name-only", branch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.DoesNotContain(history, f => f.StartsWith(".ai/", StringComparison.Ordinal) || f == "status.json");
        }
    }
}
