using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 9 #11 and #12: what otto takes from the user's checkout. An otto.yaml, a scenario and an agent
/// script that are not committed yet do not stop a build (otto reads them from the checkout); other
/// untracked files are named in a warning, because the worktrees never see them; a relative `command`
/// path is the checkout's, in `otto doctor` and in the run alike.
/// </summary>
public sealed class CheckoutFilesTests
{
    private const string Agent = """
        #!/bin/sh
        # A command agent: does the task in its worktree (its cwd) and reports through the status file.
        mkdir -p lib tests
        echo 'echo work' > lib/work.sh
        echo '[ -f lib/work.sh ] || exit 1' > tests/test_work.sh
        echo "agent ran in $(pwd)"
        printf '{"outcome":"success","summary":"did the work"}' > "$OTTO_STATUS_FILE"

        """;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // otto runs agents on Linux and macOS only
    public async Task Uncommitted_config_scenario_and_agent_script_build_and_other_untracked_files_are_named()
    {
        using var repo = new TempRepo();
        repo.Write("test.sh", OttoProject.TestRunner).Commit("a project with a test runner");
        repo.Write("scenario.yaml", Scenarios.OneTaskPlan());
        repo.Write("agents/my-agent.sh", Agent);
        File.SetUnixFileMode(repo.Path("agents/my-agent.sh"), (UnixFileMode)0b111_101_101);
        repo.Write("notes.txt", "the user's own notes\n");
        repo.Write("otto.yaml", """
            agent: { provider: scripted, scenario: scenario.yaml }
            roles:
              implementer: { provider: command, command: ["./agents/my-agent.sh"] }
            verify: { commands: [ { run: sh ./test.sh, timeout: 1m } ] }
            limits: { max_attempts: 1 }

            """);

        var doctor = await OttoProcess.RunAsync(repo.Root, "doctor");
        var build = await OttoProcess.RunAsync(repo.Root, "build", "do the work");

        Assert.Contains($"./agents/my-agent.sh found at {repo.Path("agents/my-agent.sh")}", doctor.Stdout, StringComparison.Ordinal);
        Assert.True(build.ExitCode == 0, build.ToString());
        var warning = Assert.Single(build.Stderr.Split('\n'), l => l.Contains("untracked files do not reach the task worktrees", StringComparison.Ordinal));
        Assert.StartsWith("otto: warning: ", warning, StringComparison.Ordinal);
        Assert.Contains("notes.txt", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("otto.yaml", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("scenario.yaml", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("my-agent.sh", warning, StringComparison.Ordinal);
        var run = new RunFolder(Assert.Single(Directory.GetDirectories(repo.Path(".otto/runs"))));
        Assert.Equal("echo work\n", repo.Show(run.IntegrationBranch, "lib/work.sh"));
        Assert.Null(repo.Show(run.IntegrationBranch, "agents/my-agent.sh"));
        Assert.DoesNotContain(repo.Root + "\n", run.AttemptFile("work", 1, "stdout.log"), StringComparison.Ordinal);
        var argv = run.AttemptJson("work", 1, "invocation.json")["argv"]!.AsArray();
        Assert.Equal(repo.Path("agents/my-agent.sh"), (string?)argv[0]);
    }

    [Fact]
    public async Task A_relative_agent_path_that_is_missing_is_named_with_where_it_was_looked_for()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()),
            agentYaml: "agent: { provider: scripted, scenario: scenario.yaml }\nroles:\n  implementer: { provider: command, command: [\"./missing-agent.sh\"] }\n");

        var build = await project.OttoAsync("build", "do the work");
        var doctor = await project.OttoAsync("doctor");

        Assert.True(build.ExitCode == 4, build.ToString());
        Assert.Contains($"was not found at {project.Repo.Path("missing-agent.sh")}; relative paths are relative to the repository root", build.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.RunsDir));
        Assert.Contains($"was not found at {project.Repo.Path("missing-agent.sh")}", doctor.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_says_an_uncommitted_otto_yaml_is_fine_and_what_does_not_reach_worktrees()
    {
        using var repo = new TempRepo();
        repo.Write("test.sh", "exit 0\n").Commit("a project");

        var init = await OttoProcess.RunAsync(repo.Root, "init");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("otto reads otto.yaml from your checkout, so `otto build` works before you commit it", init.Stderr, StringComparison.Ordinal);
        Assert.Contains("untracked files never reach the task worktrees", init.Stderr, StringComparison.Ordinal);
    }
}
