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
        var checks = Checks(result);
        foreach (var name in new[] { "git", "setsid", "agent launcher", "otto.yaml", "claude", "codex", "gemini", "claude (opus)", "claude login", "codex login" })
            Assert.True((string?)checks[name]["status"] == "pass", checks[name]!.ToJsonString());
        Assert.Contains("perl one-liner", (string?)checks["agent launcher"]["detail"], StringComparison.Ordinal);
        Assert.Contains(repo.Bin, (string?)checks["codex"]["detail"], StringComparison.Ordinal);
        Assert.Contains("--session-id", (string?)checks["claude"]["detail"], StringComparison.Ordinal);
        Assert.Contains("--model", (string?)checks["claude (opus)"]["detail"], StringComparison.Ordinal);
        // which version otto was checked against, and the exact command line it passes
        Assert.Contains("(2.1.197 (Claude Code), the version otto was checked against)", (string?)checks["claude"]["detail"], StringComparison.Ordinal);
        Assert.Contains("otto runs: claude -p PROMPT --output-format stream-json --verbose --permission-mode acceptEdits --session-id SESSION-UUID --max-turns 100", (string?)checks["claude"]["detail"], StringComparison.Ordinal);
        Assert.Contains("otto runs: GEMINI_CLI_TRUST_WORKSPACE=true gemini -p PROMPT --output-format stream-json --approval-mode auto_edit", (string?)checks["gemini"]["detail"], StringComparison.Ordinal);
        Assert.Contains("`codex exec --help` shows", (string?)checks["codex"]["detail"], StringComparison.Ordinal);
        Assert.Contains("logged in (api_key, ANTHROPIC_API_KEY, firstParty)", (string?)checks["claude login"]["detail"], StringComparison.Ordinal);
        Assert.Single(checks.Keys, k => k == "claude login"); // once per CLI, not per model
    }

    [Fact]
    public async Task A_hidden_but_accepted_max_turns_and_a_codex_model_check_the_right_help_without_warnings()
    {
        using var repo = new ProviderRepo("claude", ["alpha"]);
        repo.Repo.Write("otto.yaml", """
            agent: { provider: claude }
            roles: { implementer: { provider: codex, model: gpt-5-codex } }
            providers: { claude: { max_turns: 40 } }
            verify: { commands: [ { run: sh ./test.sh } ] }
            """);
        var result = await repo.OttoAsync("doctor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var checks = Checks(result);
        Assert.Equal("pass", (string?)checks["claude"]["status"]);
        Assert.Contains("--max-turns 40", (string?)checks["claude"]["detail"], StringComparison.Ordinal);
        Assert.Equal("pass", (string?)checks["codex (gpt-5-codex)"]["status"]);
        Assert.Contains("`codex exec --help` shows", (string?)checks["codex (gpt-5-codex)"]["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_login_checks_say_when_a_cli_has_no_credentials()
    {
        using var repo = new ProviderRepo("claude", ["alpha"]);
        repo.Repo.Write("otto.yaml", "agent: { provider: claude }\n" + AllThree + "\nverify: { commands: [ { run: sh ./test.sh } ] }\n");
        var home = Directory.CreateTempSubdirectory("otto-home-").FullName;
        var env = new Dictionary<string, string?>
        {
            ["PATH"] = repo.Bin + ":" + Environment.GetEnvironmentVariable("PATH"), ["FAKE_MODE"] = "auth", ["HOME"] = home,
            ["GEMINI_CLI_HOME"] = null, ["GEMINI_API_KEY"] = null, ["CODEX_API_KEY"] = null,
        };
        var result = await OttoProcess.RunAsync(repo.Repo.Root, env, TimeSpan.FromMinutes(1), "doctor", "--json");

        Assert.True(result.ExitCode == 4, result.ToString());
        var checks = Checks(result);
        Assert.Equal("fail", (string?)checks["claude login"]["status"]);
        Assert.Equal("run `claude` once to log in, or set ANTHROPIC_API_KEY", (string?)checks["claude login"]["fix"]);
        Assert.Equal("warn", (string?)checks["codex login"]["status"]);
        Assert.Contains("Not logged in, and CODEX_API_KEY is not set", (string?)checks["codex login"]["detail"], StringComparison.Ordinal);
        Assert.Equal("warn", (string?)checks["gemini login"]["status"]);
        Assert.Contains("headless gemini would exit 41", (string?)checks["gemini login"]["detail"], StringComparison.Ordinal);

        env["CODEX_API_KEY"] = "sk-test";
        env["GEMINI_API_KEY"] = "test-key";
        var keyed = Checks(await OttoProcess.RunAsync(repo.Repo.Root, env, TimeSpan.FromMinutes(1), "doctor", "--json"));
        Assert.Equal("pass", (string?)keyed["codex login"]["status"]);
        Assert.Equal("GEMINI_API_KEY is set", (string?)keyed["gemini login"]["detail"]);
        Directory.Delete(home, recursive: true);
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

    [Fact]
    public async Task The_otto_launcher_forced_by_the_variable_is_a_warning_that_says_why_and_what_it_costs()
    {
        using var repo = new ProviderRepo("claude", ["alpha"]);
        var env = new Dictionary<string, string?> { ["PATH"] = repo.Bin + ":" + Environment.GetEnvironmentVariable("PATH"), ["OTTO_SUBREAPER_LAUNCHER"] = "otto" };

        var result = await OttoProcess.RunAsync(repo.Repo.Root, env, TimeSpan.FromMinutes(1), "doctor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString()); // a slower start is no failure
        var launcher = Checks(result)["agent launcher"];
        Assert.Equal("warn", (string?)launcher["status"]);
        Assert.StartsWith("otto __subreaper (OTTO_SUBREAPER_LAUNCHER=otto is set): each agent start costs a start of otto (~70 ms)", (string?)launcher["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_probe_stopped_for_a_network_outage_says_so_and_does_not_say_install_or_update()
    {
        using var repo = new ProviderRepo("codex", ["alpha"]);
        repo.Repo.Write("otto.yaml", "agent: { provider: codex }\nverify: { commands: [ { run: sh ./test.sh } ] }\n");
        var env = new Dictionary<string, string?> { ["PATH"] = repo.Bin + ":" + Environment.GetEnvironmentVariable("PATH"), ["FAKE_MODE"] = "offline" };

        var result = await OttoProcess.RunAsync(repo.Repo.Root, env, TimeSpan.FromMinutes(4), "doctor", "--probe", "--json");

        Assert.True(result.ExitCode == 4, result.ToString());
        var probe = Checks(result)["codex probe"];
        Assert.Contains("codex could not reach its API: the network is unreachable (transient)", (string?)probe["detail"], StringComparison.Ordinal);
        Assert.Contains("network_outage", (string?)probe["detail"], StringComparison.Ordinal);
        Assert.Contains("check that this machine reaches codex's API", (string?)probe["fix"], StringComparison.Ordinal);
        Assert.DoesNotContain("install or update", (string?)probe["fix"], StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonNode> Checks(OttoResult result) =>
        JsonNode.Parse(result.Stdout)!["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!);
}
