using System.Text.Json.Nodes;

namespace Otto.Tests.Providers;

/// <summary>`otto doctor` against fake agent CLIs on PATH (and none at all).</summary>
public sealed class DoctorTests
{
    private const string AllThree = """
        roles:
          implementer: { provider: codex }
          reviewer: { provider: gemini }
          pilot: { provider: claude, model: opus }
        """;

    [Fact]
    public async Task Configured_clis_that_show_their_flags_pass_and_the_exit_code_is_0()
    {
        using var repo = new ProviderRepo("claude", ["alpha"]);
        repo.Repo.Write("otto.yaml", "agent: { provider: claude }\n" + AllThree + "\nverify: { commands: [ { run: sh ./test.sh } ] }\n");
        var result = await repo.OttoAsync("doctor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var checks = JsonNode.Parse(result.Stdout)!["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!);
        foreach (var name in new[] { "git", "setsid", "otto.yaml", "claude", "codex", "gemini", "claude (opus)" })
            Assert.True((string?)checks[name]["status"] == "pass", checks[name]!.ToJsonString());
        Assert.Contains(repo.Bin, (string?)checks["codex"]["detail"], StringComparison.Ordinal);
        Assert.Contains("--session-id", (string?)checks["claude"]["detail"], StringComparison.Ordinal);
        Assert.Contains("--model", (string?)checks["claude (opus)"]["detail"], StringComparison.Ordinal);
        Assert.Contains("(2.0.14 (Claude Code))", (string?)checks["claude"]["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_cli_fails_with_a_fix_and_exit_code_4()
    {
        using var repo = new ProviderRepo("claude", ["alpha"]);
        File.Delete(Path.Combine(repo.Bin, "claude"));
        var result = await OttoProcess.RunAsync(repo.Repo.Root, new Dictionary<string, string?> { ["PATH"] = repo.Bin + ":/usr/bin:/bin:" + Path.GetDirectoryName(Environment.ProcessPath) }, TimeSpan.FromMinutes(1), "doctor");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("fail  claude", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("`claude` was not found on PATH", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("fix: install or update Claude Code", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cli_too_old_for_the_flags_fails()
    {
        using var repo = new ProviderRepo("gemini", ["alpha"]);
        File.WriteAllText(Path.Combine(repo.Bin, "gemini"), "#!/bin/sh\necho 'Usage: gemini [options]'\necho '  -p, --prompt  [string]'\necho '  -o, --output-format [choices: \"text\", \"json\"]'\n");
        var result = await repo.OttoAsync("doctor");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("does not show stream-json, --approval-mode", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_sends_one_prompt_and_reports_an_auth_failure_with_the_login_fix()
    {
        using var repo = new ProviderRepo("claude", ["alpha"]);
        repo.Repo.Write("otto.yaml", "agent: { provider: claude }\nverify: { commands: [ { run: sh ./test.sh } ] }\n");
        var env = new Dictionary<string, string?> { ["PATH"] = repo.Bin + ":" + Environment.GetEnvironmentVariable("PATH"), ["FAKE_STATE"] = repo.State };

        var ok = await OttoProcess.RunAsync(repo.Repo.Root, env, TimeSpan.FromMinutes(1), "doctor", "--probe");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("pass  claude probe", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("$0.0123", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("connectivity check", File.ReadAllText(Path.Combine(repo.State, "prompt-feature-1.txt")), StringComparison.Ordinal);

        env["FAKE_MODE"] = "auth";
        var denied = await OttoProcess.RunAsync(repo.Repo.Root, env, TimeSpan.FromMinutes(1), "doctor", "--probe");
        Assert.True(denied.ExitCode == 4, denied.ToString());
        Assert.Contains("fail  claude probe", denied.Stdout, StringComparison.Ordinal);
        Assert.Contains("fix: run `claude` once to log in, or set ANTHROPIC_API_KEY", denied.Stdout, StringComparison.Ordinal);
    }
}
