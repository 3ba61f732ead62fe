using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md, bad input: a clear one-sentence error naming what and where (exit 2, or 4 for the
/// environment), no stack trace, no run folder, and not one byte of the user's repository changed.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Not_a_git_repository()
    {
        var dir = TestEnvironment.NewTempDir("otto-not-a-repo-");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a repository\n");

        var result = await ExpectRefusedAsync(dir, 2, "build", "add a feature");

        Assert.Contains($"{dir} is not inside a git repository", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_repository_without_commits()
    {
        using var repo = new TempRepo(withInitialCommit: false);
        repo.Write("README.md", "# not committed yet\n");

        var result = await ExpectRefusedAsync(repo.Root, 2, "build", "--allow-dirty", "add a feature");

        Assert.Contains($"the repository at {repo.Root} has no commits yet", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_detached_head()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        project.Repo.Git("checkout", "--quiet", "--detach");

        var result = await ExpectRefusedAsync(project.Root, 2, "build", "add a feature");

        Assert.Contains($"HEAD is detached in {project.Root}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_branch_named_otto_is_named_as_what_stops_otto_s_branches()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        project.Repo.Git("branch", "otto");

        var result = await ExpectRefusedAsync(project.Root, 2, "build", "add a feature");

        Assert.Contains($"a branch named `otto` exists in {project.Root}, so git cannot make otto's branches", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("git branch -m otto NEW-NAME", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(project.Repo.Head, project.Repo.Git("rev-parse", "otto").Trim());
    }

    [Fact]
    public async Task Uncommitted_changes_are_refused_unless_allowed_and_then_left_alone()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        project.Repo.Write("README.md", "# my unsaved edit\n");
        project.Repo.Write("draft.txt", "an untracked draft\n");

        var refused = await ExpectRefusedAsync(project.Root, 2, "build", "add a feature");
        Assert.Contains("has uncommitted changes to tracked files (README.md)", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-dirty", refused.Stderr, StringComparison.Ordinal);

        var before = project.Repo.CheckoutFingerprint();
        var allowed = await project.OttoAsync("build", "--allow-dirty", "add a feature");

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal(before, project.Repo.CheckoutFingerprint());
        Assert.Equal("# my unsaved edit\n", project.Repo.Read("README.md"));
        Assert.Null(project.Repo.Show(project.SingleRun().IntegrationBranch, "draft.txt"));
    }

    [Theory]
    [InlineData("agent:\n  provider: scripted\n  scenario: [scenario.yaml\nconcurrency: 2\n", "otto.yaml:3:13: this `[` is never closed (the file ends first)")]
    [InlineData("agent:\n  provider: scripted\n  scenario: [scenario.yaml\n", "otto.yaml:4:1: While parsing a flow sequence")]
    [InlineData("agent:\n  provider: scripted\n   scenario: scenario.yaml\n", "otto.yaml:3:12: ")]
    [InlineData("agent: { provider: scripted, scenario: scenario.yaml\nconcurrency: 2\n", "otto.yaml:1:8: this `{` is never closed (the file ends first)")]
    public async Task A_malformed_otto_yaml_is_reported_with_line_and_column(string config, string expected)
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        project.Repo.Write("otto.yaml", config).Commit("a broken otto.yaml");

        var result = await ExpectRefusedAsync(project.Root, 2, "build", "add a feature");

        Assert.StartsWith("otto: " + expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_in_otto_yaml_is_named_with_its_line()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        project.Repo.Write("otto.yaml", project.Repo.Read("otto.yaml").Replace("  max_attempts: 3", "  max_atempts: 3", StringComparison.Ordinal)).Commit("a typo");
        var line = project.Repo.Read("otto.yaml").Split('\n').ToList().FindIndex(l => l.Contains("max_atempts", StringComparison.Ordinal)) + 1;

        var result = await ExpectRefusedAsync(project.Root, 2, "build", "add a feature");

        Assert.StartsWith($"otto: otto.yaml:{line}:3: unknown key `max_atempts` in `limits`", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan:\n  tasks: [ { id: a }\n", "otto: scenario.yaml:3:1: the scenario is not valid YAML")]
    [InlineData("plan:\n  summary: s\n  tasks: [ { id: a, owned_paths: [lib] }\n", "otto: scenario.yaml:4:1: the scenario is not valid YAML")]
    [InlineData("plan: { tasks: [] }\ntasks:\n  work:\n    - { sleep: soon }\n", "otto: scenario.yaml:4:")]
    public async Task A_scenario_that_does_not_parse_is_reported_with_its_position(string scenario, string expected)
    {
        using var project = OttoProject.Create(scenario);

        var result = await ExpectRefusedAsync(project.Root, 2, "build", "add a feature");

        Assert.StartsWith(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "20990101-000000-abcd")]
    [InlineData("resume", "20990101-000000-abcd")]
    [InlineData("logs", "20990101-000000-abcd")]
    [InlineData("status", "../../etc")]
    public async Task An_unknown_run_id(string command, string runId)
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));

        var result = await ExpectRefusedAsync(project.Root, 2, command, runId);

        Assert.Equal($"otto: there is no run `{runId}` in {project.RunsDir} (see `otto runs`)\n", result.Stderr);
    }

    [Theory]
    [InlineData("otto: --max-cost -1: `limits.max_cost_usd` must not be negative", "--max-cost", "-1")]
    [InlineData("otto: --concurrency 0: `concurrency` must be at least 1", "--concurrency", "0")]
    [InlineData("otto: --budget must be a duration like 90m or 2h, not '0s'", "--budget", "0s")]
    [InlineData("otto: --agent must be one of claude, codex, gemini, command, scripted, not 'gpt'", "--agent", "gpt")]
    public async Task A_command_line_override_is_checked_like_the_same_key_in_otto_yaml(string expected, string option, string value)
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));

        var result = await ExpectRefusedAsync(project.Root, 2, "build", option, value, "add a feature");

        Assert.Equal(expected + "\n", result.Stderr);
    }

    [Fact]
    public async Task An_intent_over_64_KiB_on_the_command_line_is_refused_with_the_way_to_give_it()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));

        var result = await ExpectRefusedAsync(project.Root, 2, "build", new string('x', 70 * 1024));

        Assert.Contains("the intent is 70 KiB, and one given on the command line may have at most 64 KiB", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("otto build --intent-file FILE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_intent_file_that_does_not_exist()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));

        var result = await ExpectRefusedAsync(project.Root, 2, "build", "--intent-file", "no-such-spec.md");

        Assert.Equal("otto: --intent-file no-such-spec.md: no such file\n", result.Stderr);
    }

    [Fact]
    public async Task Git_older_than_2_38_is_an_environment_problem()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        var bin = TestEnvironment.NewTempDir("otto-old-git-");
        var realGit = Otto.Engine.Executables.Find("git") ?? throw new InvalidOperationException("git is not on PATH");
        var fake = Path.Combine(bin, "git");
        File.WriteAllText(fake, $"#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'git version 2.30.0'; exit 0; fi\nexec '{realGit}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = new Dictionary<string, string?> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };

        var result = await ExpectRefusedAsync(project.Root, 4, path, "build", "add a feature");

        Assert.Contains("git 2.30.0 is too old; otto needs git 2.38 or newer", result.Stderr, StringComparison.Ordinal);
    }

    private static Task<OttoResult> ExpectRefusedAsync(string dir, int exitCode, params string[] arguments) =>
        ExpectRefusedAsync(dir, exitCode, null, arguments);

    /// <summary>Runs otto, expecting the exit code, one line on stderr, nothing on stdout, and no byte changed.</summary>
    private static async Task<OttoResult> ExpectRefusedAsync(string dir, int exitCode, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var before = TreeSnapshot.Of(dir);

        var result = await OttoProcess.RunAsync(dir, environment, OttoProject.Timeout, arguments);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + result.Stderr);
        Assert.StartsWith("otto: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, ".otto")), "a .otto folder was left behind");
        Assert.Equal(before, TreeSnapshot.Of(dir));
        return result;
    }
}
