using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 11, learnings in the repository: agents' learnings are deduplicated (normalized text, across tasks
/// and against what the file already says), attributed (a `## RUN: intent` section, `- [task] text` lines)
/// and, when the base commit tracks learnings.path, land once as the last commit of otto/&lt;run&gt;, the
/// commit otto verified and reports as the run's head; untracked, they go to .otto/learnings.md and the
/// branch has task commits only.
/// </summary>
public sealed class LearningsTests
{
    // lib and app each report a learning the other (or the base file) already has, written differently.
    private const string TwoTasksLearning = """
        plan:
          summary: a library, then an app on it
          tasks:
            - { id: lib, title: The library, role: foundation, depends_on: [], owned_paths: ["lib/**", tests/test_lib.sh] }
            - { id: app, title: The app, role: feature, depends_on: [lib], owned_paths: ["app/**", tests/test_app.sh] }
        tasks:
          lib:
            - files: { lib/lib.sh: "echo lib\n", tests/test_lib.sh: "[ -f lib/lib.sh ]\n" }
              status: { outcome: success, learnings: ["Use POSIX sh only.", "Tests run with sh ./test.sh"] }
          app:
            - files: { app/app.sh: "echo app\n", tests/test_app.sh: "[ -f app/app.sh ]\n" }
              status: { outcome: success, learnings: ["use posix  SH only", "- [lib] Use POSIX sh only.", "App scripts live in app/."] }

        """;

    private const string TrackedPath = "docs/learnings.md";

    private const string BaseLearnings = """
        # Learnings

        Written by people and by otto runs.

        ## 20260101-000000-abcd: an older run

        - [old] tests run with sh ./test.sh

        """;

    [Fact]
    public async Task Tracked_learnings_land_once_as_the_last_verified_commit_of_the_run_branch()
    {
        using var project = OttoProject.Create(
            TwoTasksLearning, extraYaml: $"learnings:\n  path: {TrackedPath}\n",
            files: new Dictionary<string, string> { [TrackedPath] = BaseLearnings });

        var build = await project.BuildAsync("a library and an app");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        var tip = project.Repo.Git("rev-parse", run.IntegrationBranch).Trim();
        Assert.Equal(tip, (string?)run.Final["head_sha"]);

        var committed = Assert.Single(run.EventsOf("learnings_committed"));
        Assert.Equal(tip, (string?)committed["data"]!["commit"]);
        Assert.Equal(TrackedPath, (string?)committed["data"]!["path"]);
        Assert.Equal(2, (int?)committed["data"]!["count"]);
        var merged = run.EventsOf("task_merged").Select(e => (long)e["seq"]!).ToList();
        Assert.Equal(2, merged.Count);
        Assert.True(merged.Max() < (long)committed["seq"]!, "the learnings commit comes after every task's merge");

        // The last commit changes the learnings file only, and names the run in its trailers.
        Assert.Equal(TrackedPath, project.Repo.Git("diff", "--name-only", tip + "~1", tip).Trim());
        var message = project.Repo.Git("log", "-1", "--format=%B", tip);
        Assert.Contains($"Otto-Run: {run.Id}", message, StringComparison.Ordinal);
        Assert.Contains($"Otto-Learnings: {TrackedPath}", message, StringComparison.Ordinal);
        Assert.Single(project.Repo.Git("log", "--format=%s", $"main..{run.IntegrationBranch}").Split('\n'),
            s => s.StartsWith("otto: learnings of run", StringComparison.Ordinal));

        var file = project.Repo.Show(tip, TrackedPath)!;
        Assert.StartsWith("# Learnings\n\nWritten by people and by otto runs.\n", file, StringComparison.Ordinal);
        Assert.Contains($"## {run.Id}: a library and an app\n", file, StringComparison.Ordinal);
        var entries = file.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["- [old] tests run with sh ./test.sh", "- [lib] Use POSIX sh only.", "- [app] App scripts live in app/."], entries);
        Assert.False(File.Exists(project.Repo.Path(".otto/learnings.md")), "tracked learnings are not also kept outside git");
        Assert.Equal(BaseLearnings, project.Repo.Read(TrackedPath));

        // Looking at the finished run again changes nothing: no second commit, no second event.
        var status = await project.OttoAsync("status", run.Id, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(tip, project.Repo.Git("rev-parse", run.IntegrationBranch).Trim());
        Assert.Single(run.EventsOf("learnings_committed"));
    }

    [Fact]
    public async Task A_failed_run_commits_no_learnings()
    {
        var failing = TwoTasksLearning.Replace("tests/test_app.sh: \"[ -f app/app.sh ]\\n\"", "tests/test_app.sh: \"echo 'app: expected 1, got 2'; exit 1\\n\"", StringComparison.Ordinal);
        Assert.NotEqual(TwoTasksLearning, failing);
        using var project = OttoProject.Create(
            failing, new Dictionary<string, string> { ["max_attempts"] = "1" }, extraYaml: $"learnings:\n  path: {TrackedPath}\n",
            files: new Dictionary<string, string> { [TrackedPath] = BaseLearnings });

        var build = await project.BuildAsync("a library and an app that fails");

        Assert.True(build.ExitCode == 1, build.ToString());
        var run = project.SingleRun();
        Assert.Empty(run.EventsOf("learnings_committed"));
        Assert.Equal(BaseLearnings, project.Repo.Show(run.IntegrationBranch, TrackedPath));
        Assert.False(File.Exists(project.Repo.Path(".otto/learnings.md")), "a failed run's learnings are not proposed");
    }

    [Fact]
    public async Task Untracked_learnings_go_to_the_otto_folder_attributed_and_the_branch_has_task_commits_only()
    {
        using var project = OttoProject.Create(TwoTasksLearning, extraYaml: $"learnings:\n  path: {TrackedPath}\n");

        var build = await project.BuildAsync("a library and an app");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        Assert.Empty(run.EventsOf("learnings_committed"));
        Assert.Null(project.Repo.Show(run.IntegrationBranch, TrackedPath));
        Assert.DoesNotContain("otto: learnings", project.Repo.Git("log", "--format=%s", $"main..{run.IntegrationBranch}"), StringComparison.Ordinal);

        var kept = File.ReadAllText(project.Repo.Path(".otto/learnings.md"));
        Assert.Single(kept.Split('\n'), l => l == $"## {run.Id}: a library and an app");
        var entries = kept.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["- [lib] Use POSIX sh only.", "- [lib] Tests run with sh ./test.sh", "- [app] App scripts live in app/."], entries);
    }

    // A command agent (a shell script of the repository) for two tasks side by side, each reporting the same
    // learning in its own words, through the fallback status.json.
    private const string LearningAgent = """
        #!/bin/sh
        mkdir -p lib tests
        echo "echo $OTTO_TASK_ID" > "lib/$OTTO_TASK_ID.sh"
        echo "[ -f lib/$OTTO_TASK_ID.sh ]" > "tests/test_$OTTO_TASK_ID.sh"
        case "$OTTO_TASK_ID" in
          one) said='"Shell scripts must stay POSIX.", "Task one wrote lib/one.sh"' ;;
          *) said='"shell scripts must stay   posix"' ;;
        esac
        printf '{"outcome":"success","learnings":[%s]}' "$said" > status.json

        """;

    [Fact]
    public async Task Command_agents_reporting_the_same_learning_store_it_once_in_the_tracked_file()
    {
        const string plan = """
            plan:
              summary: two scripts
              tasks:
                - { id: one, title: Script one, role: feature, depends_on: [], owned_paths: [lib/one.sh, tests/test_one.sh] }
                - { id: two, title: Script two, role: feature, depends_on: [], owned_paths: [lib/two.sh, tests/test_two.sh] }

            """;
        using var project = OttoProject.Create(
            plan,
            agentYaml: "agent: { provider: scripted, scenario: scenario.yaml }\nroles:\n  implementer: { provider: command, command: [\"sh\", \"agent.sh\"] }\n",
            extraYaml: $"learnings:\n  path: {TrackedPath}\n",
            files: new Dictionary<string, string> { ["agent.sh"] = LearningAgent, [TrackedPath] = "# Learnings\n" });

        var build = await project.BuildAsync("two scripts");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        var tip = project.Repo.Git("rev-parse", run.IntegrationBranch).Trim();
        Assert.Equal(2, (int?)Assert.Single(run.EventsOf("learnings_committed"))["data"]!["count"]);
        var entries = project.Repo.Show(tip, TrackedPath)!.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, entries.Count);
        // Whichever task reported it first is named; the other's words for it are not added again.
        Assert.Single(entries, e => e is "- [one] Shell scripts must stay POSIX." or "- [two] shell scripts must stay   posix");
        Assert.Contains("- [one] Task one wrote lib/one.sh", entries);
        Assert.DoesNotContain("status.json", project.Repo.Git("log", "--name-only", "--format=", $"main..{run.IntegrationBranch}"), StringComparison.Ordinal);
    }
}
