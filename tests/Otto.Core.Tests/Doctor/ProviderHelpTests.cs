using Otto.Agents;
using Otto.Doctor;

namespace Otto.Tests.Doctor;

public sealed class ProviderHelpTests
{
    private const string ClaudeHelp = """
        Usage: claude [options] [command] [prompt]
          -p, --print                Print response and exit
          --output-format <format>   "text" (default), "json" (single result), or "stream-json" (realtime streaming)
          --verbose                  Override verbose mode setting from config
          --permission-mode <mode>   Permission mode to use for the session
          --session-id <uuid>        Use a specific session ID
          --model <model>            Model for the current session
        """;

    private static CliAgentSettings Claude(string? model = null, int? maxTurns = null) => new("claude", "/usr/bin/claude", model, [], maxTurns, null, null);

    [Fact]
    public void Help_showing_every_flag_passes() =>
        Assert.Equal(CheckStatus.Pass, ProviderHelp.Judge(Claude(model: "opus"), "/usr/bin/claude", ClaudeHelp).Status);

    [Fact]
    public void A_missing_flag_the_invocation_needs_fails_with_an_install_hint()
    {
        var check = ProviderHelp.Judge(Claude(), "/usr/bin/claude", ClaudeHelp.Replace("--session-id", "--resume", StringComparison.Ordinal));

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("does not show --session-id", check.Detail, StringComparison.Ordinal);
        Assert.Contains("npm install -g @anthropic-ai/claude-code", check.Fix, StringComparison.Ordinal);
        Assert.True(check.IsEnvironment);
    }

    [Fact]
    public void A_flag_only_a_setting_uses_warns_when_help_leaves_it_out()
    {
        var check = ProviderHelp.Judge(Claude(model: "opus"), "/usr/bin/claude", ClaudeHelp.Replace("--model", "--modal", StringComparison.Ordinal));

        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains("does not list --model", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Claudes_max_turns_is_hidden_from_its_help_but_accepted_so_it_is_not_checked()
    {
        var check = ProviderHelp.Judge(Claude(maxTurns: 30), "/usr/bin/claude", ClaudeHelp);

        Assert.Equal(CheckStatus.Pass, check.Status);
        Assert.Contains("--max-turns 30", check.Detail, StringComparison.Ordinal); // in the command line otto runs
    }

    [Theory]
    [InlineData("claude", "2.1.197 (Claude Code)", "2.1.197 (Claude Code), the version otto was checked against")]
    [InlineData("codex", "codex-cli 0.171.0", "codex-cli 0.171.0, the version otto was checked against")]
    [InlineData("codex", "codex-cli 0.171.01", "codex-cli 0.171.01; otto was checked against 0.171.0, so run `otto doctor --probe` once to try this one")]
    [InlineData("gemini", null, "version unknown; otto was checked against 0.61.0")]
    public void The_installed_version_is_shown_beside_the_one_otto_was_checked_against(string provider, string? version, string expected) =>
        Assert.Equal(expected, ProviderHelp.VersionNote(provider, version));

    [Fact]
    public void The_versions_doctor_names_are_the_ones_the_real_cli_tests_install()
    {
        var pinned = File.ReadAllLines(Otto.Tests.Support.RepoFiles.Path("tests/real-clis/versions.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.LastIndexOf('@')], l => l[(l.LastIndexOf('@') + 1)..]);

        Assert.Equal(ProviderHelp.CheckedVersion("claude"), pinned["@anthropic-ai/claude-code"]);
        Assert.Equal(ProviderHelp.CheckedVersion("codex"), pinned["@openai/codex"]);
        Assert.Equal(ProviderHelp.CheckedVersion("gemini"), pinned["@google/gemini-cli"]);
    }

    [Fact]
    public void A_flag_is_matched_whole_not_as_part_of_a_longer_one() =>
        Assert.Equal(["--json"], ProviderHelp.Missing("--json-schema <FILE>  --jsonl", ["--json"]));

    [Fact]
    public void Codex_flags_come_from_exec_help_and_bypass_needs_its_own_flag()
    {
        var bypass = new CliAgentSettings("codex", "codex", null, [], null, null, "bypass");

        Assert.Equal(["exec", "--help"], ProviderHelp.HelpArguments("codex"));
        Assert.Contains(ProviderHelp.Flags(bypass), f => f.Flag == "--dangerously-bypass-approvals-and-sandbox" && f.Required);
        Assert.DoesNotContain(ProviderHelp.Flags(bypass), f => f.Flag == "--sandbox");
    }

    [Fact]
    public void An_environment_failure_exits_4_a_config_failure_2_and_warnings_0()
    {
        Assert.Equal(4, new DoctorReport([DoctorCheck.Fail("git", "old", "update"), DoctorCheck.Fail("otto.yaml", "bad", "fix", isEnvironment: false)]).ExitCode);
        Assert.Equal(2, new DoctorReport([DoctorCheck.Pass("git", "ok"), DoctorCheck.Fail("otto.yaml", "bad", "fix", isEnvironment: false)]).ExitCode);
        Assert.Equal(0, new DoctorReport([DoctorCheck.Pass("git", "ok"), DoctorCheck.Warn("otto.yaml", "none", "init", isEnvironment: false)]).ExitCode);
    }
}
