using System.Text.Json.Nodes;
using Otto.Config;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 9 #10: `otto init` writes the install step a project needs, `otto doctor` runs setup and verify
/// once on the last commit in a worktree of its own, and a build with init's otto.yaml (nothing edited by
/// hand) passes because every task worktree is installed before its agent and its tests. Real npm: the
/// project's dependency is a local `file:` package, so the install works without the registry.
/// </summary>
public sealed class InitAndBaselineTests
{
    // The tests need the dependency that only `npm install` puts in node_modules.
    private const string Test = "const answer = require('answer'); if (answer() !== 42) { console.error('expected 42, got ' + answer()); process.exit(1); } console.log('ok');\n";

    private const string Scenario = """
        plan:
          summary: one task
          tasks:
            - { id: work, title: The work, description: Add lib/work.js., role: foundation, depends_on: [], owned_paths: ["lib/**"], acceptance: [npm test passes] }
        tasks:
          work:
            - files: { lib/work.js: "module.exports = 1;\n" }
              status: { outcome: success }

        """;

    private static TempRepo NpmProject(string test = Test)
    {
        var repo = new TempRepo();
        repo.Write("package.json", """{ "name": "sample", "version": "1.0.0", "scripts": { "test": "node test.js" }, "dependencies": { "answer": "file:./vendor/answer" } }""");
        repo.Write("vendor/answer/package.json", """{ "name": "answer", "version": "1.0.0", "main": "index.js" }""");
        repo.Write("vendor/answer/index.js", "module.exports = () => 42;\n");
        repo.Write("test.js", test);
        repo.Commit("an npm project with a dependency");
        return repo;
    }

    [Fact]
    public async Task Init_finds_the_install_step_doctor_runs_it_on_the_base_and_a_build_with_it_succeeds()
    {
        using var repo = NpmProject();

        var init = await OttoProcess.RunAsync(repo.Root, "init");
        Assert.True(init.ExitCode == 0, init.ToString());
        var config = ConfigLoader.Parse(repo.Read("otto.yaml"), "otto.yaml");
        Assert.Equal(["npm install --no-package-lock"], config.Setup.Commands);
        Assert.Equal("npm test", Assert.Single(config.Verify.Commands).Run);
        Assert.Contains("/node_modules/", File.ReadAllLines(repo.Path(".git/info/exclude")));

        var doctor = await OttoProcess.RunAsync(repo.Root, "doctor", "--json");
        var baseline = Check(doctor, "baseline");
        Assert.True((string?)baseline["status"] == "pass", doctor.ToString());
        Assert.Contains($"pass on {repo.Head[..8]} (main) in a fresh worktree", (string?)baseline["detail"], StringComparison.Ordinal);
        Assert.False(Directory.Exists(repo.Path("node_modules")), "doctor never installs into the user's checkout");
        Assert.Equal("?? otto.yaml\n", repo.Git("status", "--porcelain", "--untracked-files=all"));
        Assert.Single(repo.Git("worktree", "list", "--porcelain").Split('\n'), l => l.StartsWith("worktree ", StringComparison.Ordinal));

        repo.Write("scenario.yaml", Scenario);
        var build = await OttoProcess.RunAsync(repo.Root, "build", "--agent", "scripted", "--scenario", "scenario.yaml", "add lib/work.js");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = Assert.Single(Directory.GetDirectories(repo.Path(".otto/runs")));
        var branch = "otto/" + Path.GetFileName(run);
        var files = repo.Git("ls-tree", "-r", "--name-only", branch);
        Assert.Contains("lib/work.js", files, StringComparison.Ordinal);
        Assert.DoesNotContain("node_modules", files, StringComparison.Ordinal);
        Assert.DoesNotContain("package-lock.json", files, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_names_a_missing_install_step_as_an_environment_problem()
    {
        using var repo = NpmProject("require('answer');\n");
        repo.Write("package.json", """{ "name": "sample", "scripts": { "test": "uvu-not-installed tests" } }""").Commit("tests need a runner");
        repo.Write("otto.yaml", "verify: { commands: [ { run: npm test, timeout: 1m } ] }\n");

        var doctor = await OttoProcess.RunAsync(repo.Root, "doctor", "--json");

        Assert.True(doctor.ExitCode == 4, doctor.ToString());
        var baseline = Check(doctor, "baseline");
        Assert.Equal("fail", (string?)baseline["status"]);
        Assert.Contains("`npm test` could not run a program on", (string?)baseline["detail"], StringComparison.Ordinal);
        Assert.Contains("(exit 127)", (string?)baseline["detail"], StringComparison.Ordinal);
        Assert.Contains("not found", (string?)baseline["detail"], StringComparison.Ordinal);
        Assert.Contains("setup.commands", (string?)baseline["fix"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_names_tests_that_fail_before_any_change_and_skips_them_on_request()
    {
        using var repo = NpmProject(Test.Replace("!== 42", "!== 43", StringComparison.Ordinal));
        var init = await OttoProcess.RunAsync(repo.Root, "init");
        Assert.True(init.ExitCode == 0, init.ToString());

        var doctor = await OttoProcess.RunAsync(repo.Root, "doctor", "--json");
        var skipped = await OttoProcess.RunAsync(repo.Root, "doctor", "--json", "--no-baseline");

        var baseline = Check(doctor, "baseline");
        Assert.Equal("fail", (string?)baseline["status"]);
        Assert.Contains("`npm test` fails on", (string?)baseline["detail"], StringComparison.Ordinal);
        Assert.Contains("before any change: expected 42, got 42", (string?)baseline["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain(JsonNode.Parse(skipped.Stdout)!["checks"]!.AsArray(), c => (string?)c!["name"] == "baseline");
    }

    private static JsonObject Check(OttoResult doctor, string name) =>
        (JsonObject)(JsonNode.Parse(doctor.Stdout)!["checks"]!.AsArray().SingleOrDefault(c => (string?)c!["name"] == name)
            ?? throw new InvalidOperationException($"no {name} check in:\n{doctor}"));
}
