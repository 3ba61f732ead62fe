using Otto.Agents;
using Otto.Config;

namespace Otto.Tests.Agents;

public sealed class ProviderArgvTests
{
    private static OttoConfig Config(ProviderConfig provider, string name) => new()
    {
        Providers = name switch
        {
            "claude" => new ProvidersConfig { Claude = provider },
            "codex" => new ProvidersConfig { Codex = provider },
            _ => new ProvidersConfig { Gemini = provider },
        },
    };

    [Fact]
    public void Claude_runs_in_print_mode_with_stream_json_a_permission_mode_a_session_id_and_a_turn_cap()
    {
        var settings = CliAgentSettings.For("claude", new AgentConfig { Provider = "claude" }, new OttoConfig(), "/repo");

        Assert.Equal(
            ["claude", "-p", "do it", "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits", "--session-id", "sid", "--max-turns", "100"],
            ClaudeProvider.Argv(settings, "do it", "sid"));
    }

    [Fact]
    public void Claude_takes_model_max_turns_permission_mode_and_extra_args_from_config()
    {
        var config = Config(new ProviderConfig { Model = "opus", MaxTurns = 40, PermissionMode = "bypassPermissions", Args = ["--add-dir", "/data"] }, "claude");
        var settings = CliAgentSettings.For("claude", new AgentConfig { Provider = "claude" }, config, "/repo");

        Assert.Equal(
            ["claude", "-p", "p", "--output-format", "stream-json", "--verbose", "--permission-mode", "bypassPermissions", "--session-id", "s",
             "--model", "opus", "--max-turns", "40", "--add-dir", "/data"],
            ClaudeProvider.Argv(settings, "p", "s"));
    }

    [Fact]
    public void The_roles_model_wins_over_the_providers_model()
    {
        var config = Config(new ProviderConfig { Model = "opus" }, "claude");

        Assert.Equal("sonnet", CliAgentSettings.For("claude", new AgentConfig { Provider = "claude", Model = "sonnet" }, config, "/repo").Model);
    }

    [Fact]
    public void A_relative_binary_is_relative_to_the_repository()
    {
        var config = Config(new ProviderConfig { Binary = "tools/claude" }, "claude");

        Assert.Equal("/repo/tools/claude", CliAgentSettings.For("claude", new AgentConfig(), config, "/repo").Binary);
        Assert.Equal("claude-beta", CliAgentSettings.For("claude", new AgentConfig(), Config(new ProviderConfig { Binary = "claude-beta" }, "claude"), "/repo").Binary);
    }

    [Fact]
    public void Codex_runs_exec_json_in_a_workspace_write_sandbox_in_the_worktree()
    {
        var settings = CliAgentSettings.For("codex", new AgentConfig { Provider = "codex", Model = "gpt-5-codex" }, new OttoConfig(), "/repo");

        Assert.Equal(
            ["codex", "exec", "--json", "--sandbox", "workspace-write", "-C", "/wt/a", "-m", "gpt-5-codex", "the prompt"],
            CodexProvider.Argv(settings, "the prompt", "/wt/a"));
    }

    [Fact]
    public void Codex_sandbox_bypass_is_the_documented_dangerous_flag()
    {
        var settings = CliAgentSettings.For("codex", new AgentConfig(), Config(new ProviderConfig { Sandbox = "bypass", Args = ["--skip-git-repo-check"] }, "codex"), "/repo");

        Assert.Equal(
            ["codex", "exec", "--json", "--dangerously-bypass-approvals-and-sandbox", "-C", "/wt", "--skip-git-repo-check", "--", "-starts with a dash"],
            CodexProvider.Argv(settings, "-starts with a dash", "/wt"));
    }

    [Fact]
    public void Gemini_runs_headless_with_stream_json_and_a_non_interactive_approval_mode()
    {
        var settings = CliAgentSettings.For("gemini", new AgentConfig { Model = "gemini-2.5-pro" }, Config(new ProviderConfig { PermissionMode = "yolo" }, "gemini"), "/repo");

        Assert.Equal(
            ["gemini", "-p", "p", "--output-format", "stream-json", "--approval-mode", "yolo", "-m", "gemini-2.5-pro"],
            GeminiProvider.Argv(settings, "p"));
        Assert.Equal("auto_edit", GeminiProvider.Argv(CliAgentSettings.For("gemini", new AgentConfig(), new OttoConfig(), "/r"), "p")[6]);
    }
}
