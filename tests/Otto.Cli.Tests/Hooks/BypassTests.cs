using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Hooks;

/// <summary>
/// Every way an agent can try to get a change past its task's paths, tried by a real agent (the scripted
/// agent's `run:` commands) in a real run with otto's hooks installed. Whatever the route, nothing out of
/// scope lands on otto/RUN: the hooks refuse what they see, the integrator refuses the rest.
/// </summary>
public sealed class BypassTests
{
    private const string Scope = "src/api/x.sh"; // what task api may add; core adds src/core/lib.sh

    public static TheoryData<string, string, string> Routes => new()
    {
        // route, the agent's commands, the path the integrator must name
        { "commit --no-verify", "echo hacked > src/core/a.sh && git add -A && git commit -q --no-verify -m sneak", "src/core/a.sh" },
        { "a shell write, then a commit with hooks on", "echo hacked > src/core/a.sh; git add -A && git commit -q -m sneak", "src/core/a.sh" },
        { "a rename of another task's file", "git mv src/core/a.sh src/api/a.sh && git commit -q -m move", "src/core/a.sh" },
        { "a delete", "rm src/core/a.sh; git commit -qam delete", "src/core/a.sh" },
        { "a symlink out of the repository", "ln -s /etc/passwd src/api/passwd; git add -A && git commit -q -m link", "src/api/passwd" },
        { "a mode change", "chmod +x src/core/a.sh; git commit -qam mode", "src/core/a.sh" },
        { "a gitlink", "git init -q src/core/vendor && git -C src/core/vendor -c user.name=a -c user.email=a@b.c commit -q --allow-empty -m v && git add src/core/vendor && git commit -q -m gitlink", "src/core/vendor" },
        { "hooks disabled", "echo hacked > src/core/a.sh && git add -A && git -c core.hooksPath=/dev/null commit -q -m off", "src/core/a.sh" },
        { "update-ref of the integration branch", "echo hacked > src/core/a.sh && git add -A && git commit -q --no-verify -m sneak && git update-ref refs/heads/otto/$OTTO_RUN_ID HEAD", "src/core/a.sh" },
    };

    private static string Scenario(string commands) => $$"""
        classification: { kind: feature, size: small, single_task: false }
        plan:
          summary: a foundation and a feature
          tasks:
            - { id: core, title: Core, description: core, role: foundation, depends_on: [], owned_paths: ["src/core/**"], acceptance: [ok] }
            - { id: api, title: Api, description: api, role: feature, depends_on: [core], owned_paths: ["src/api/**"], acceptance: [ok] }
        tasks:
          core:
            - files: { "src/core/lib.sh": "echo core\n" }
              status: { outcome: success, summary: core }
          api:
            - files: { "{{Scope}}": "echo api\n" }
              run: [{{Yaml(commands)}}]
              status: { outcome: success, summary: api }

        """;

    private static string Yaml(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static async Task<(OttoProject Project, OttoResult Result, string Base)> BuildAsync(string commands)
    {
        var project = OttoProject.Create(Scenario(commands), new Dictionary<string, string> { ["max_attempts"] = "1" });
        project.Repo.Write("src/core/a.sh", "echo a\n").Commit("core file");
        var install = await project.OttoAsync("hooks", "install");
        Assert.True(install.ExitCode == 0, install.ToString());
        var result = await project.BuildAsync();
        return (project, result, project.Repo.Head);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Nothing_out_of_scope_lands_on_the_integration_branch(string route, string commands, string named)
    {
        var (project, result, baseSha) = await BuildAsync(commands);
        using var _ = project;
        var run = project.SingleRun();

        Assert.True(result.ExitCode == 1, $"{route}: {result}");
        // A symlink out of the repository is stopped by the merge gate (issue 8), before ownership is looked at.
        Assert.Equal(route == "a symlink out of the repository" ? "contract" : "ownership", (string?)run.Cause["kind"]);
        Assert.Equal("api", (string?)run.Cause["task"]);
        Assert.Contains(named, (string?)run.Final["reason"], StringComparison.Ordinal);
        var landed = project.Repo.Git("diff", "--name-only", baseSha, run.IntegrationBranch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["src/core/lib.sh"], landed); // core's work only: api's never merged
        Assert.Equal("echo a\n", project.Repo.Show(run.IntegrationBranch, "src/core/a.sh"));
        var stderr = run.AttemptFile("api", 1, "stderr.log");
        if (commands.Contains("update-ref", StringComparison.Ordinal))
            Assert.Contains("only its own branch", stderr, StringComparison.Ordinal); // refused by reference-transaction
        else if (!commands.Contains("--no-verify", StringComparison.Ordinal) && !commands.Contains("/dev/null", StringComparison.Ordinal))
            Assert.Contains("outside what task `api` owns", stderr, StringComparison.Ordinal); // refused by pre-commit first
    }

    [Fact]
    public async Task Pushing_otto_s_refs_from_a_task_worktree_is_refused_and_the_run_goes_on()
    {
        var remote = Path.Combine(TestEnvironment.NewTempDir("otto-remote-"), "remote.git");
        Otto.Git.GitCli.Run(Path.GetDirectoryName(remote)!, "init", "-q", "--bare", remote).EnsureOk();
        var (project, result, _) = await BuildAsync($"git push -q {remote} HEAD:refs/heads/otto/$OTTO_RUN_ID HEAD:refs/heads/main");
        using var _p = project;
        var run = project.SingleRun();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", Otto.Git.GitCli.Run(remote, "for-each-ref").Stdout);
        Assert.Contains("agents do not push from a task worktree", run.AttemptFile("api", 1, "stderr.log"), StringComparison.Ordinal);
        Assert.Equal("echo api\n", project.Repo.Show(run.IntegrationBranch, Scope));
    }
}
