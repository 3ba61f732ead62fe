using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 9 #17: `otto gc` lists the integration branches of runs that did not succeed and prunes
/// (with --prune-branches) only branches whose every commit is on another branch; a branch with work
/// found nowhere else needs --force and --older-than; a planned run's branch needs --older-than; the
/// state folders left empty go; a learning repeated by every attempt and run is stored once.
/// </summary>
public sealed class GcBranchesTests
{
    // lib merges; app fails its test every time, so the run fails with lib's merge on its branch.
    private const string HalfFailing = """
        plan:
          summary: a library, then an app that never passes
          tasks:
            - { id: lib, title: The library, role: foundation, depends_on: [], owned_paths: ["lib/**", tests/test_lib.sh] }
            - { id: app, title: The app, role: feature, depends_on: [lib], owned_paths: ["app/**", tests/test_app.sh] }
        tasks:
          lib:
            - files: { lib/lib.sh: "echo lib\n", tests/test_lib.sh: "[ -f lib/lib.sh ]\n" }
              status: { outcome: success, learnings: ["Use POSIX sh only.", "use posix sh  only", "- [lib] Use POSIX sh only"] }
          app:
            - files: { app/app.sh: "echo app\n", tests/test_app.sh: "echo 'app: expected 1, got 2'; exit 1\n" }
              status: { outcome: success, learnings: ["USE POSIX SH ONLY."] }

        """;

    [Fact]
    public async Task Branches_with_work_found_nowhere_else_stay_unless_forced_and_old_enough()
    {
        // No worktree pool, so that nothing of otto's is left in the state folder once gc is done.
        using var project = OttoProject.Create(HalfFailing, new Dictionary<string, string> { ["max_attempts"] = "1" }, extraYaml: "worktree_pool: 0\n");
        var build = await project.BuildAsync("a library and an app");
        Assert.True(build.ExitCode == 1, build.ToString());
        var run = project.SingleRun();
        var context = File.ReadAllText(Path.Combine(run.Dir, "context.md"));
        Assert.Single(context.Split('\n'), l => l.StartsWith("- ", StringComparison.Ordinal));
        var root = (string)run.Json("run.json")["worktree_root"]!;
        Assert.True(Directory.Exists(Path.Combine(root, run.Id)), "a failed run keeps its worktrees");

        var listed = await project.OttoAsync("gc", "--dry-run");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains($"has integration branch of a failed run {run.IntegrationBranch}: ", listed.Stdout, StringComparison.Ordinal);

        // app was branched from the integration tip: every commit of the integration branch is on app's branch.
        var integrationTip = project.Repo.Git("rev-parse", run.IntegrationBranch).Trim();
        Assert.True(project.Repo.TryGit("merge-base", "--is-ancestor", integrationTip, run.TaskBranch("app")).Ok);

        var pruned = await project.OttoAsync("gc", "--prune-branches");
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        Assert.False(BranchExists(project, run.TaskBranch("lib")), "lib's verified work landed on the integration branch (a squash commit)");
        Assert.False(BranchExists(project, run.IntegrationBranch), "its commits are on app's branch, which stays");
        Assert.True(BranchExists(project, run.TaskBranch("app")), "app's failed work is on no other branch");
        Assert.Matches($@"keep task branch {run.TaskBranch("app")}: 1 commit found on no other branch; --force --older-than DURATION deletes it", pruned.Stdout);
        Assert.True(project.Repo.TryGit("merge-base", "--is-ancestor", integrationTip, run.TaskBranch("app")).Ok, "no commit is lost");
        Assert.False(Directory.Exists(Path.Combine(root, run.Id)), "worktrees and their empty folders are gone");
        Assert.False(Directory.Exists(root), "the repository's state folder, empty, is gone");

        var forcedYoung = await project.OttoAsync("gc", "--prune-branches", "--force", "--older-than", "30d");
        Assert.True(forcedYoung.ExitCode == 0, forcedYoung.ToString());
        Assert.True(BranchExists(project, run.TaskBranch("app")), "younger than 30 days");
        Assert.Contains("younger than --older-than 30d", forcedYoung.Stdout, StringComparison.Ordinal);

        var forcedOld = await project.OttoAsync("gc", "--prune-branches", "--force", "--older-than", "1ms");
        Assert.True(forcedOld.ExitCode == 0, forcedOld.ToString());
        Assert.False(BranchExists(project, run.TaskBranch("app")));
        Assert.Equal(project.Repo.Head, project.Repo.Git("rev-parse", "main").Trim());
    }

    [Fact]
    public async Task A_planned_runs_branch_stays_until_older_than_allows_and_flags_are_checked()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        var plan = await project.OttoAsync("plan", "only plan it");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        var run = project.SingleRun();

        var kept = await project.OttoAsync("gc", "--prune-branches");
        var badForce = await project.OttoAsync("gc", "--prune-branches", "--force");
        var badAge = await project.OttoAsync("gc", "--prune-branches", "--older-than", "soon");
        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Contains($"keep integration branch of a planned run {run.IntegrationBranch}: its plan is not built yet", kept.Stdout, StringComparison.Ordinal);
        Assert.True(BranchExists(project, run.IntegrationBranch));
        Assert.Equal(2, badForce.ExitCode);
        Assert.Contains("--force needs --older-than", badForce.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badAge.ExitCode);
        Assert.Contains("--older-than must be a duration like 14d or 36h, not 'soon'", badAge.Stderr, StringComparison.Ordinal);

        var old = await project.OttoAsync("gc", "--prune-branches", "--older-than", "1ms");
        Assert.True(old.ExitCode == 0, old.ToString());
        Assert.False(BranchExists(project, run.IntegrationBranch));
    }

    [Fact]
    public async Task A_learning_repeated_by_tasks_and_runs_is_stored_once()
    {
        const string twice = """
            files: { lib/work.sh: "echo work\n", tests/test_work.sh: "[ -f lib/work.sh ]\n" }
            status: { outcome: success, learnings: ["Run tests with sh ./test.sh.", "run tests with  sh ./test.sh", "The test runner is test.sh"] }
            """;
        using var project = OttoProject.Create(Scenarios.OneTask("work", twice));

        var first = await project.BuildAsync("first");
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = await project.BuildAsync("second");
        Assert.True(second.ExitCode == 0, second.ToString());

        var learnings = File.ReadAllText(project.Repo.Path(".otto/learnings.md"));
        var lines = learnings.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["- [work] Run tests with sh ./test.sh.", "- [work] The test runner is test.sh"], lines);
        Assert.Single(learnings.Split('\n'), l => l.StartsWith("## ", StringComparison.Ordinal));
    }

    private static bool BranchExists(OttoProject project, string branch) =>
        project.Repo.TryGit("rev-parse", "--verify", "--quiet", "refs/heads/" + branch).Ok;
}
