using Otto.Config;

namespace Otto.Tests.Config;

/// <summary>otto.yaml: what loads, and into what.</summary>
public sealed class ConfigLoaderTests
{
    private static OttoConfig Parse(string yaml) => ConfigLoader.Parse(yaml, "otto.yaml");

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    public void An_empty_file_means_the_defaults(string yaml)
    {
        var config = Parse(yaml);

        Assert.Equal(4, config.Concurrency);
        Assert.Equal(3, config.Limits.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(2), config.Limits.RunBudget);
        Assert.Null(config.Agent.Provider);
        Assert.Empty(config.Verify.Commands);
    }

    [Fact]
    public void The_documented_example_of_contracts_md_loads()
    {
        var config = Parse("""
            agent:
              provider: claude
              model: sonnet
            roles:
              reviewer: { provider: codex }
            concurrency: 2
            worktree_root: ~/.local/state/otto/worktrees
            verify:
              commands: [ { run: "dotnet test", timeout: 10m }, "npm run lint" ]
            limits:
              attempt_timeout: 30m
              stall_timeout: 5m
              max_attempts: 3
              signature_limit: 3
              max_replans: 2
              max_tasks: 40
              run_budget: 2h
              max_cost_usd: 25.5
              lease_timeout: 2m
            setup:
              copy: [".env"]
              commands: ["npm ci"]
            prices:
              my-model: { input_per_mtok: 3, output_per_mtok: 15 }
            """);

        Assert.Equal(("claude", "sonnet"), (config.Agent.Provider, config.Agent.Model));
        Assert.Equal("codex", config.Roles.Reviewer!.Provider);
        Assert.Null(config.Roles.Planner);
        Assert.Equal(2, config.Concurrency);
        Assert.Equal("~/.local/state/otto/worktrees", config.WorktreeRoot);
        Assert.Equal(("dotnet test", TimeSpan.FromMinutes(10)), (config.Verify.Commands[0].Run, config.Verify.Commands[0].Timeout));
        Assert.Equal("npm run lint", config.Verify.Commands[1].Run);
        Assert.Equal(25.5m, config.Limits.MaxCostUsd);
        Assert.Equal([".env"], config.Setup.Copy);
        Assert.Equal(["npm ci"], config.Setup.Commands);
        Assert.Equal(15m, config.Prices["my-model"].OutputPerMtok);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d", 86400)]
    [InlineData("500ms", 0.5)]
    [InlineData("45", 45)]
    [InlineData("2.5", 2.5)]
    [InlineData("1.5m", 90)]
    public void Durations_read_as_people_write_them(string written, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse($"limits:\n  attempt_timeout: {written}\n").Limits.AttemptTimeout);
    }

    [Theory]
    [InlineData("50MB", 50L << 20)]
    [InlineData("512KB", 512L << 10)]
    [InlineData("1.5GB", 3L << 29)]
    [InlineData("2 mib", 2L << 20)]
    [InlineData("1000", 1000L)]
    [InlineData("300B", 300L)]
    public void Sizes_read_as_people_write_them(string written, long bytes)
    {
        var size = Parse($"limits:\n  max_file_size: {written}\n").Limits.MaxFileSize;

        Assert.Equal(bytes, size.Bytes);
        Assert.True(ByteSize.TryParse(size.ToString(), out var again) && again == size, $"{size} does not read back");
    }

    [Fact]
    public void Secrets_are_refused_at_merge_unless_allowed_and_files_are_limited_to_50MB()
    {
        var defaults = Parse("");

        Assert.Equal(("refuse", 50L << 20), (defaults.Secrets, defaults.Limits.MaxFileSize.Bytes));
        Assert.Equal("allow", Parse("secrets: allow\n").Secrets);
    }

    [Fact]
    public void Zero_is_a_valid_cost_limit_and_retry_count()
    {
        var limits = Parse("limits:\n  max_cost_usd: 0\n  max_replans: 0\n  transient_retries: 0\n  kill_grace: 0s\n").Limits;

        Assert.Equal((0m, 0, 0, TimeSpan.Zero), (limits.MaxCostUsd, limits.MaxReplans, limits.TransientRetries, limits.KillGrace));
    }

    [Fact]
    public void A_role_of_the_command_provider_may_take_its_command_from_the_default_agent()
    {
        var config = Parse("agent:\n  provider: command\n  command: [./agent.sh]\nroles:\n  reviewer:\n    model: big\n");

        Assert.Equal(["./agent.sh"], AgentSelection.For(config, AgentSelection.Reviewer).Command);
    }

    [Fact]
    public void A_verify_command_may_be_a_plain_string_with_the_default_timeout()
    {
        var command = Assert.Single(Parse("verify:\n  commands:\n    - ./test.sh\n").Verify.Commands);

        Assert.Equal(new VerifyCommand { Run = "./test.sh", Timeout = TimeSpan.FromMinutes(10) }, command);
    }

    [Fact]
    public void A_single_string_is_a_list_of_one()
    {
        Assert.Equal([".env"], Parse("setup:\n  copy: .env\n").Setup.Copy);
    }

    [Fact]
    public void Quoted_text_stays_text()
    {
        var config = Parse("agent:\n  model: \"null\"\n  provider: 'scripted'\n");

        Assert.Equal(("null", "scripted"), (config.Agent.Model, config.Agent.Provider));
    }

    [Fact]
    public void Nullable_keys_may_be_left_empty()
    {
        var config = Parse("agent:\n  model:\nroles:\n  planner: ~\nworktree_root: null\n");

        Assert.Null(config.Agent.Model);
        Assert.Null(config.Roles.Planner);
        Assert.Null(config.WorktreeRoot);
    }

    [Fact]
    public void A_list_or_map_key_with_nothing_under_it_is_empty()
    {
        // What `otto init` writes when it detects no test command.
        var config = Parse("""
            agent:
              provider: claude          # claude | codex | gemini | command | scripted
              # model: sonnet
            concurrency: 4
            verify:
              commands:
                # - run: "your test command"
                #   timeout: 10m
            limits:
              max_attempts: 3
            setup:
              copy:
            prices:
            """);

        Assert.Empty(config.Verify.Commands);
        Assert.Empty(config.Setup.Copy);
        Assert.Empty(config.Prices);
        Assert.Equal(3, config.Limits.MaxAttempts);
    }

    [Fact]
    public void A_section_whose_keys_are_all_commented_out_keeps_its_defaults()
    {
        var config = Parse("limits:\n  # max_attempts: 5\nproviders:\n  claude:\nroles:\n");

        Assert.Equal(3, config.Limits.MaxAttempts);
        Assert.Empty(config.Providers.Claude.Args);
        Assert.Null(config.Roles.Reviewer);
    }

    [Fact]
    public void LoadFromRepo_without_an_otto_yaml_gives_the_defaults()
    {
        using var temp = new TempDir();

        Assert.Equal(4, ConfigLoader.LoadFromRepo(temp.Path).Concurrency);
    }

    [Fact]
    public void LoadFromRepo_reads_otto_yaml_and_names_it_in_errors()
    {
        using var temp = new TempDir();
        temp.Write("otto.yaml", "concurrency: 7\n");
        Assert.Equal(7, ConfigLoader.LoadFromRepo(temp.Path).Concurrency);

        temp.Write("otto.yaml", "\n\nlimts: {}\n");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFromRepo(temp.Path));
        Assert.Equal("otto.yaml:3:1: unknown key `limts` at the top level (did you mean `limits`?)", error.Message);
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
    }
}
