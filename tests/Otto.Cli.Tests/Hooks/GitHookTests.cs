using Otto.Git;
using Otto.Hooks;

namespace Otto.Tests.Hooks;

/// <summary>otto's git hooks in a task worktree, installed and run for real: `git commit`, `git update-ref`,
/// `git push` as an agent would type them.</summary>
public sealed class GitHookTests
{
    private static async Task<TaskWorktreeFixture> InstalledAsync(Action<TempRepo>? beforeInstall = null)
    {
        var fixture = new TaskWorktreeFixture(beforeInstall);
        var install = await fixture.OttoAsync("hooks", "install");
        Assert.True(install.ExitCode == 0, install.ToString());
        return fixture;
    }

    [Fact]
    public async Task A_commit_inside_the_task_s_paths_passes_and_carries_the_run_task_and_attempt()
    {
        using var fixture = await InstalledAsync();
        fixture.Write("src/api/new.sh", "new\n");
        fixture.AgentGit("add", "--all").EnsureOk();

        var commit = TaskWorktreeFixture.AgentGit(fixture.Worktree, new Dictionary<string, string?> { ["OTTO_ATTEMPT"] = "2" }, "commit", "-q", "-m", "add new.sh");

        Assert.True(commit.Ok, commit.Stderr);
        var message = fixture.AgentGit("log", "-1", "--format=%B").Stdout;
        Assert.Contains($"Otto-Run: {TaskWorktreeFixture.RunId}\nOtto-Task: api\nOtto-Attempt: 2", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_OTTO_ATTEMPT_the_attempt_is_the_highest_attempt_folder()
    {
        using var fixture = await InstalledAsync();
        foreach (var attempt in new[] { 1, 3, 2 }) Directory.CreateDirectory(Path.Combine(fixture.RunDir, "tasks", "api", $"attempt-{attempt}"));
        fixture.Write("src/api/new.sh", "new\n");
        fixture.AgentGit("add", "--all").EnsureOk();

        fixture.AgentGit("commit", "-q", "-m", "add").EnsureOk();

        Assert.Contains("Otto-Attempt: 3", fixture.AgentGit("log", "-1", "--format=%B").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commit_outside_the_task_s_paths_is_refused_naming_each_path_its_owner_and_the_amendment_route()
    {
        using var fixture = await InstalledAsync();
        var head = fixture.Head;
        fixture.Write("src/core/db.sh", "changed by api\n");                       // another task's file
        fixture.AgentGit("mv", "docs/guide.md", "src/api/guide.md").EnsureOk();   // a rename out of docs' paths
        fixture.AgentGit("rm", "-q", "src/core/api.sh").EnsureOk();                // a delete (of a contract)
        fixture.Write(".gitignore", "*.log\n*.tmp\n");                            // owned by no task
        File.CreateSymbolicLink(Path.Combine(fixture.Worktree, "src/api/secrets"), "/etc/passwd"); // inside its paths, pointing out
        fixture.AgentGit("add", "--all").EnsureOk();
        fixture.AgentGit("update-index", "--add", "--cacheinfo", $"160000,{head},src/core/vendor").EnsureOk(); // a gitlink

        var commit = fixture.AgentGit("commit", "-q", "-m", "reach out");

        Assert.False(commit.Ok);
        Assert.Equal(head, fixture.Head);
        var error = commit.Stderr;
        Assert.Contains("outside what task `api` owns (src/api/**)", error, StringComparison.Ordinal);
        Assert.Contains("src/core/db.sh (modified): owned by task `core`", error, StringComparison.Ordinal);
        Assert.Contains("docs/guide.md (deleted): owned by task `docs`", error, StringComparison.Ordinal);
        Assert.Contains("src/core/api.sh (deleted): a shared file, owned by task `core`", error, StringComparison.Ordinal);
        Assert.Contains(".gitignore (modified): owned by no task", error, StringComparison.Ordinal);
        Assert.Contains("src/api/secrets (a new symlink): src/api/secrets is a symlink to /etc/passwd, which is outside the repository", error, StringComparison.Ordinal);
        Assert.Contains("src/core/vendor (a new submodule (gitlink)): owned by task `core`", error, StringComparison.Ordinal);
        Assert.DoesNotContain("src/api/guide.md", error, StringComparison.Ordinal);
        Assert.Contains("ask for an amendment in your status file (.ai/status.json): \"amendments\": [{\"path\": \".gitignore\"", error, StringComparison.Ordinal);
        Assert.Contains("otto routes it to the owning task", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mode_change_of_another_task_s_file_is_refused()
    {
        using var fixture = await InstalledAsync();
        fixture.AgentGit("update-index", "--chmod=+x", "src/core/db.sh").EnsureOk();

        var commit = fixture.AgentGit("commit", "-q", "-m", "chmod");

        Assert.False(commit.Ok);
        Assert.Contains("src/core/db.sh (mode changed (100644 -> 100755)): owned by task `core`", commit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_task_s_own_branch_may_move_from_its_worktree_but_otto_s_own_updates_pass()
    {
        using var fixture = await InstalledAsync();
        var integration = fixture.Repo.Git("rev-parse", $"otto/{TaskWorktreeFixture.RunId}").Trim();
        fixture.Write("src/api/new.sh", "new\n");
        fixture.AgentGit("add", "--all").EnsureOk();
        fixture.AgentGit("commit", "-q", "-m", "own work").EnsureOk(); // its own branch moved: allowed
        var work = fixture.Head;

        foreach (var (branch, what) in new[]
        {
            ($"otto/{TaskWorktreeFixture.RunId}", "the run's integration branch"),
            ($"otto/tasks/{TaskWorktreeFixture.RunId}/docs", "another task's branch"),
            ("main", "the base branch the run started from"),
            ("feature-of-the-user", "a branch outside this task"),
        })
        {
            var update = fixture.AgentGit("update-ref", "refs/heads/" + branch, work);
            Assert.False(update.Ok, branch);
            Assert.Contains($"{branch} ({what}", update.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal(integration, fixture.Repo.Git("rev-parse", $"otto/{TaskWorktreeFixture.RunId}").Trim());

        // otto's integrator marks its own git processes; they pass (and this is no security boundary).
        var ottos = TaskWorktreeFixture.AgentGit(fixture.Worktree, new Dictionary<string, string?> { ["OTTO_INTERNAL_GIT"] = "1" },
            "update-ref", $"refs/heads/otto/{TaskWorktreeFixture.RunId}", work);
        Assert.True(ottos.Ok, ottos.Stderr);
    }

    [Fact]
    public async Task Pushing_from_a_task_worktree_is_refused_and_nothing_reaches_the_remote()
    {
        using var fixture = await InstalledAsync();
        var remote = Path.Combine(Path.GetDirectoryName(fixture.Repo.Root)!, "remote.git");
        Otto.Git.GitCli.Run(Path.GetDirectoryName(fixture.Repo.Root)!, "init", "-q", "--bare", remote).EnsureOk();

        var push = fixture.AgentGit("push", remote, $"otto/{TaskWorktreeFixture.RunId}", "HEAD:refs/heads/otto/sneaky");

        Assert.False(push.Ok);
        Assert.Contains("agents do not push from a task worktree", push.Stderr, StringComparison.Ordinal);
        Assert.Equal("", Otto.Git.GitCli.Run(remote, "for-each-ref").Stdout);
    }

    [Fact]
    public async Task In_a_task_worktree_the_repository_s_own_hook_still_runs_after_otto_s_check_and_still_counts()
    {
        using var fixture = await InstalledAsync(repo =>
        {
            File.WriteAllText(repo.Path(".git/hooks/pre-commit"), "#!/bin/sh\nif git diff --cached | grep -q FORBIDDEN; then echo 'project hook: FORBIDDEN' >&2; exit 1; fi\n");
            Otto.Platform.FileModes.MakeExecutable(repo.Path(".git/hooks/pre-commit"));
        });
        fixture.Write("src/api/new.sh", "FORBIDDEN\n");
        fixture.AgentGit("add", "--all").EnsureOk();

        var commit = fixture.AgentGit("commit", "-q", "-m", "in scope, refused by the project's own hook");

        Assert.False(commit.Ok);
        Assert.Contains("project hook: FORBIDDEN", commit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("owns", commit.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain pre-commit")]
    [InlineData("lefthook", "lefthook")]
    [InlineData("pre-commit", "pre-commit-framework")]
    [InlineData("husky-tracked", "husky pre-commit")]
    public async Task The_tools_hooks_run_after_otto_s_check_in_a_task_worktree_and_still_refuse(string setup, string who)
    {
        using var fixture = await InstalledAsync(repo => HookSetups.Apply(setup, repo));
        var log = Path.Combine(fixture.Worktree, "..", "hook.log");
        var env = new Dictionary<string, string?> { ["HOOK_LOG"] = log };
        GitResult Commit(string file, string content, string message)
        {
            fixture.Write(file, content);
            TaskWorktreeFixture.AgentGit(fixture.Worktree, env, "add", "--all").EnsureOk();
            return TaskWorktreeFixture.AgentGit(fixture.Worktree, env, "commit", "-q", "-m", message);
        }

        var fine = Commit("src/api/fine.sh", "fine\n", "in scope");
        var forbidden = Commit("src/api/bad.sh", "FORBIDDEN\n", "in scope, refused by the tool");
        TaskWorktreeFixture.AgentGit(fixture.Worktree, env, "reset", "-q", "--hard").EnsureOk();
        var outside = Commit("src/core/db.sh", "changed\n", "out of scope");

        Assert.True(fine.Ok, fine.Stderr);
        Assert.False(forbidden.Ok);
        Assert.Contains("FORBIDDEN found", forbidden.Stderr, StringComparison.Ordinal);
        Assert.False(outside.Ok);
        Assert.Contains("src/core/db.sh (modified): owned by task `core`", outside.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(log).Count(l => l.StartsWith(who, StringComparison.Ordinal) && !l.Contains("commit-msg", StringComparison.Ordinal))); // not run for the refused third
        Assert.Contains($"Otto-Task: api", fixture.AgentGit("log", "-1", "--format=%B").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_marker_keeps_the_task_known_when_the_agent_switches_branches_and_its_plan_copy_when_the_run_folder_is_out_of_reach()
    {
        using var fixture = await InstalledAsync();
        var gitDir = fixture.AgentGit("rev-parse", "--absolute-git-dir").Line;
        OwnershipGuards.Prepare(fixture.Worktree, gitDir, TaskWorktreeFixture.RunId, "api", "scripted", ["/unused"], Path.Combine(fixture.RunDir, "plan-v1.json"));
        Directory.Move(fixture.RunDir, fixture.RunDir + ".hidden"); // as in a sandbox that shows agents no run folder
        fixture.Repo.Git("branch", "scratch", "main");
        fixture.AgentGit("checkout", "-q", "scratch").EnsureOk();
        fixture.Write("src/core/db.sh", "changed\n");
        fixture.AgentGit("add", "--all").EnsureOk();

        var commit = fixture.AgentGit("commit", "-q", "-m", "on another branch");

        Assert.False(commit.Ok);
        Assert.Contains("src/core/db.sh (modified): owned by task `core`", commit.Stderr, StringComparison.Ordinal);
    }
}
