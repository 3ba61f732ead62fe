using System.Text.Json.Nodes;
using Otto.Config;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>`otto init` in a fresh repository; `otto runs`, `otto logs` and `otto status` on a finished run.</summary>
public sealed class CommandsTests(CommandsTests.FinishedRun finished) : IClassFixture<CommandsTests.FinishedRun>
{
    [Theory]
    [InlineData("test.sh", "#!/bin/sh\nexit 0\n", "sh ./test.sh")]
    [InlineData("package.json", "{ \"scripts\": { \"test\": \"node --test\" } }\n", "npm test")]
    public async Task Init_writes_otto_yaml_with_the_detected_verify_command_and_excludes_dot_otto(string file, string content, string verify)
    {
        using var repo = new TempRepo();
        repo.Write(file, content).Commit("a project");

        var result = await OttoProcess.RunAsync(repo.Root, "init");

        Assert.True(result.ExitCode == 0, result.ToString());
        var config = ConfigLoader.Parse(repo.Read("otto.yaml"), "otto.yaml");
        Assert.Equal(verify, Assert.Single(config.Verify.Commands).Run);
        Assert.Contains("/.otto/", File.ReadAllLines(repo.Path(".git/info/exclude")));
        repo.Write(".otto/runs/scratch.txt", "otto's own files\n");
        Assert.Equal("?? otto.yaml\n", repo.Git("status", "--porcelain", "--untracked-files=all"));

        var written = repo.Read("otto.yaml");
        var again = await OttoProcess.RunAsync(repo.Root, "init");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(written, repo.Read("otto.yaml"));
        Assert.Single(File.ReadAllLines(repo.Path(".git/info/exclude")), l => l == "/.otto/");
    }

    [Fact]
    public async Task Runs_lists_the_finished_run()
    {
        var result = await finished.Project.OttoAsync("runs");

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(finished.Run.Id + "  succeeded", line, StringComparison.Ordinal);
        Assert.Contains("2 tasks", line, StringComparison.Ordinal);
        Assert.Contains(FinishedRun.Intent, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_json_is_a_parseable_list()
    {
        var result = await finished.Project.OttoAsync("runs", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var row = (JsonObject)Assert.Single(JsonNode.Parse(result.Stdout)!.AsArray())!;
        Assert.Equal(finished.Run.Id, (string?)row["run_id"]);
        Assert.Equal("succeeded", (string?)row["status"]);
        Assert.Equal(2, (int?)row["tasks"]);
        Assert.Equal(FinishedRun.Intent, (string?)row["intent"]);
        Assert.Equal(finished.Run.IntegrationBranch, (string?)row["integration_branch"]);
    }

    [Fact]
    public async Task Logs_of_a_task_show_the_agents_output_and_the_verify_log_of_an_attempt()
    {
        var latest = await finished.Project.OttoAsync("logs", finished.Run.Id, "app");
        var first = await finished.Project.OttoAsync("logs", finished.Run.Id, "app", "--attempt", "1");

        Assert.True(latest.ExitCode == 0, latest.ToString());
        Assert.Contains("==> stdout <==\nfixing the greeting\n", latest.Stdout, StringComparison.Ordinal);
        Assert.Contains("==> verify-1.log <==\nok   tests/test_app.sh\n", latest.Stdout, StringComparison.Ordinal);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("==> stdout <==\nwriting the greeting\n", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL tests/test_app.sh\nexpected 'hello', got 'helo'\n", first.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_of_a_run_list_its_events()
    {
        var result = await finished.Project.OttoAsync("logs", finished.Run.Id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("plan v1 accepted", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("app: merged", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("lib: merged", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("run succeeded", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_describes_the_finished_run_for_a_human()
    {
        var result = await finished.Project.OttoAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = result.Stdout;
        Assert.StartsWith($"run {finished.Run.Id}: succeeded (stage finished)\n", text, StringComparison.Ordinal);
        Assert.Contains($"intent: {FinishedRun.Intent}\n", text, StringComparison.Ordinal);
        Assert.Contains($"branch: {finished.Run.IntegrationBranch}\n", text, StringComparison.Ordinal);
        Assert.Contains("cost:   $0.30\n", text, StringComparison.Ordinal);
        Assert.Contains("tokens: 0 in / 0 out\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\ntime:   [0-9.]+ s\n|\ntime:   \d+ min \d\d s\n", text);
        Assert.Matches(@"\n  lib\s+merged\s+attempts 1  \$0\.10  0 tok  [0-9.]+ s\s+The library\n", text);
        Assert.Matches(@"\n  app\s+merged\s+attempts 2  \$0\.20  0 tok  [0-9.]+ s\s+The app\n", text);
        Assert.DoesNotContain("cause:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_json_counts_attempts_as_the_attempt_folders_do()
    {
        var result = await finished.Project.OttoAsync("status", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var view = (JsonObject)JsonNode.Parse(result.Stdout)!;
        Assert.Equal("succeeded", (string?)view["status"]);
        Assert.Equal(0.30m, (decimal?)view["cost_usd"]);
        foreach (var task in view["tasks"]!.AsArray().Cast<JsonObject>())
        {
            var id = (string)task["id"]!;
            Assert.Equal("merged", (string?)task["state"]);
            Assert.Equal(finished.Run.AttemptCount(id), (int?)task["attempts"]);
            Assert.Equal(finished.Run.TaskBranch(id), (string?)task["branch"]);
        }
    }

    /// <summary>One run, built once for the class: lib merges at once; app fails verification, then is fixed.</summary>
    public sealed class FinishedRun : IAsyncLifetime, IDisposable
    {
        public const string Intent = "a library and an app that greets";

        private const string Scenario = """
            plan:
              summary: the library first, then the app on top
              tasks:
                - { id: lib, title: The library, role: foundation, depends_on: [], owned_paths: [lib/] }
                - { id: app, title: The app, role: feature, depends_on: [lib], owned_paths: [app/, tests/test_app.sh] }
            tasks:
              lib:
                - files: { lib/greet.sh: "greet() { echo hello; }\n" }
                  status: { outcome: success, summary: the library }
                  cost_usd: 0.10
              app:
                - output: [writing the greeting]
                  files:
                    app/main.sh: "echo helo\n"
                    tests/test_app.sh: "got=$(sh app/main.sh); [ \"$got\" = hello ] || { echo \"expected 'hello', got '$got'\"; exit 1; }\n"
                  status: { outcome: success, summary: the app }
                  cost_usd: 0.15
                - output: [fixing the greeting]
                  files: { app/main.sh: "echo hello\n" }
                  status: { outcome: success, summary: fixed the typo }
                  cost_usd: 0.05

            """;

        public OttoProject Project { get; } = OttoProject.Create(Scenario);

        public RunFolder Run { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var result = await Project.BuildAsync(Intent);
            Assert.True(result.ExitCode == 0, result.ToString());
            Run = Project.SingleRun();
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => Project.Dispose();
    }
}
