using Otto.Config;

namespace Otto.Tests.Config;

/// <summary>otto.yaml: every problem is a ConfigException naming file, line and column.</summary>
public sealed class ConfigErrorTests
{
    private static OttoConfig Parse(string yaml) => ConfigLoader.Parse(yaml, "otto.yaml");

    private static ConfigException Error(string yaml) => Assert.Throws<ConfigException>(() => Parse(yaml));

    [Fact]
    public void An_unknown_key_is_named_with_its_line_column_and_the_closest_known_key()
    {
        var error = Error("concurrency: 2\nlimits:\n  max_attempts: 3\n  max_atempts: 4\n");

        Assert.Equal(("otto.yaml", 4, 3), (error.File, error.Line, error.Column));
        Assert.Equal("otto.yaml:4:3: unknown key `max_atempts` in `limits` (did you mean `max_attempts`?)", error.Message);
    }

    [Fact]
    public void An_unknown_top_level_key_gets_a_hint_too()
    {
        var error = Error("concurency: 2\n");

        Assert.Equal("otto.yaml:1:1: unknown key `concurency` at the top level (did you mean `concurrency`?)", error.Message);
    }

    [Fact]
    public void An_unknown_key_with_nothing_close_has_no_hint()
    {
        var error = Error("agent:\n  provider: claude\n  favourite_colour: blue\n");

        Assert.Equal("otto.yaml:3:3: unknown key `favourite_colour` in `agent`", error.Message);
    }

    [Fact]
    public void Unknown_keys_are_found_deep_inside_lists_and_maps()
    {
        Assert.Equal("otto.yaml:4:7: unknown key `timeot` in `verify.commands[0]` (did you mean `timeout`?)",
            Error("verify:\n  commands:\n    - run: make test\n      timeot: 5m\n").Message);
        Assert.Equal("otto.yaml:3:5: unknown key `input` in `prices.m` (did you mean `input_per_mtok`?)".Split(" (")[0],
            Error("prices:\n  m:\n    input: 3\n").Message.Split(" (")[0]);
    }

    [Fact]
    public void A_syntax_error_names_its_line_and_column()
    {
        var error = Error("limits:\n  max_attempts: [1\nconcurrency: 3\n");

        Assert.Equal((2, 17), (error.Line, error.Column)); // the '[' that is never closed
        Assert.StartsWith("otto.yaml:2:17: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_list_that_trips_the_yaml_scanner_is_still_a_config_error_with_a_place()
    {
        var error = Error("limits:\n  max_attempts: [1, 2\nconcurrency: 3\n");

        Assert.Equal("otto.yaml:2:17: this `[` is never closed (the file ends first)", error.Message);
        Assert.StartsWith("otto.yaml:1:4: this `{` is never closed", Error("a: {b: 1\nc: 2\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_used_for_indentation_is_a_syntax_error()
    {
        Assert.Contains("tab", Error("limits:\n\tmax_attempts: 1\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_is_an_error_at_the_second()
    {
        var error = Error("concurrency: 2\nconcurrency: 3\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("concurrency", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_document_is_allowed()
    {
        Assert.Equal("otto.yaml:3:1: only one YAML document is allowed", Error("concurrency: 2\n---\nconcurrency: 3\n").Message);
    }

    [Theory]
    [InlineData("concurrency: four\n", "otto.yaml:1:14: `concurrency` must be a whole number, not 'four'")]
    [InlineData("concurrency: 2.5\n", "otto.yaml:1:14: `concurrency` must be a whole number, not '2.5'")]
    [InlineData("concurrency: [1]\n", "otto.yaml:1:14: `concurrency` must be a whole number")]
    [InlineData("limits:\n  max_cost_usd: lots\n", "otto.yaml:2:17: `limits.max_cost_usd` must be a number, not 'lots'")]
    [InlineData("limits: 5\n", "otto.yaml:1:9: `limits` must be a mapping of keys to values")]
    [InlineData("setup:\n  copy: { a: b }\n", "otto.yaml:2:9: `setup.copy` must be a list")]
    [InlineData("agent:\n  provider: [claude]\n", "otto.yaml:2:13: `agent.provider` must be a string")]
    [InlineData("concurrency:\n", "otto.yaml:1:13: `concurrency` must not be empty")]
    [InlineData("limits:\n  max_file_size: huge\n", "otto.yaml:2:18: `limits.max_file_size` must be a size like 50MB, 512KB or 1GB, not 'huge'")]
    [InlineData("- a\n- b\n", "otto.yaml:1:1: the file must be a mapping of keys to values")]
    [InlineData("prices: [1]\n", "otto.yaml:1:9: `prices` must be a mapping")]
    [InlineData("? [a, b]\n: 1\n", "otto.yaml:1:3: keys must be plain names, not lists or mappings")]
    [InlineData("prices:\n  ? {a: 1}\n  : {}\n", "otto.yaml:2:5: keys in `prices` must be plain names, not lists or mappings")]
    public void Wrong_types_name_the_key_and_where_it_is(string yaml, string message)
    {
        Assert.Equal(message, Error(yaml).Message);
    }

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("5min")]
    [InlineData("-5m")]
    [InlineData("m5")]
    [InlineData("soon")]
    public void A_duration_that_is_not_one_is_an_error_quoting_it(string written)
    {
        var error = Error($"limits:\n  stall_timeout: {written}\n");

        Assert.Equal($"otto.yaml:2:18: `limits.stall_timeout` must be a duration like 90s, 5m or 2h, not '{written}'", error.Message);
    }

    [Theory]
    [InlineData("concurrency: 0\n", "otto.yaml:1:1: `concurrency` must be at least 1")]
    [InlineData("best_of: 0\n", "otto.yaml:1:1: `best_of` must be at least 1")]
    [InlineData("concurrency: 2\nbest_of: 3\n", "otto.yaml:2:1: `best_of` (3) must not be more than `concurrency` (2): the variants of a task run at once")]
    [InlineData("best_of_providers:\n  - { provider: cursor }\n", "otto.yaml:2:7: `best_of_providers[0].provider` must be one of claude, codex, gemini, command, scripted, not 'cursor'")]
    [InlineData("best_of_providers:\n  - { model: a }\n  - { provider: command }\n", "otto.yaml:3:5: `best_of_providers[1].command` must name the program to run")]
    [InlineData("limits:\n  max_attempts: 0\n", "otto.yaml:2:3: `limits.max_attempts` must be at least 1")]
    [InlineData("limits:\n  signature_limit: 0\n", "otto.yaml:2:3: `limits.signature_limit` must be at least 1")]
    [InlineData("limits:\n  max_tasks: 0\n", "otto.yaml:2:3: `limits.max_tasks` must be at least 1")]
    [InlineData("limits:\n  attempt_timeout: 0s\n", "otto.yaml:2:3: `limits.attempt_timeout` must be positive")]
    [InlineData("limits:\n  stall_timeout: 0\n", "otto.yaml:2:3: `limits.stall_timeout` must be positive")]
    [InlineData("limits:\n  lease_timeout: 0ms\n", "otto.yaml:2:3: `limits.lease_timeout` must be positive")]
    [InlineData("limits:\n  run_budget: 0s\n", "otto.yaml:2:3: `limits.run_budget` must be positive")]
    [InlineData("limits:\n  rate_limit_backoff: 0s\n", "otto.yaml:2:3: `limits.rate_limit_backoff` must be positive")]
    [InlineData("limits:\n  rate_limit_backoff: 1m\n  rate_limit_backoff_max: 30s\n", "otto.yaml:3:3: `limits.rate_limit_backoff_max` (30s) must be at least `limits.rate_limit_backoff` (1m)")]
    [InlineData("limits:\n  max_cost_usd: -1\n", "otto.yaml:2:3: `limits.max_cost_usd` must not be negative")]
    [InlineData("limits:\n  max_replans: -1\n", "otto.yaml:2:3: `limits.max_replans` must not be negative")]
    [InlineData("limits:\n  transient_retries: -2\n", "otto.yaml:2:3: `limits.transient_retries` must not be negative")]
    [InlineData("limits:\n  max_file_size: 0\n", "otto.yaml:2:3: `limits.max_file_size` must be at least 1 byte")]
    [InlineData("secrets: ignore\n", "otto.yaml:1:1: `secrets` must be refuse or allow, not 'ignore'")]
    [InlineData("verify:\n  commands:\n    - run: make\n      timeout: 0s\n", "otto.yaml:4:7: `verify.commands[0].timeout` must be positive")]
    [InlineData("verify:\n  commands:\n    - make\n    - \"\"\n", "otto.yaml:4:7: `verify.commands[1].run` must be a command")]
    [InlineData("verify:\n  commands:\n    - run: \"  \"\n", "otto.yaml:3:7: `verify.commands[0].run` must be a command")]
    [InlineData("agent:\n  provider: command\n", "otto.yaml:1:1: `agent.command` must name the program to run")]
    [InlineData("roles:\n  reviewer:\n    provider: command\n", "otto.yaml:2:3: `roles.reviewer.command` must name the program to run")]
    [InlineData("providers:\n  codex:\n    max_turns: -1\n", "otto.yaml:3:5: `providers.codex.max_turns` must not be negative")]
    [InlineData("prices:\n  m:\n    input_per_mtok: 3\n    output_per_mtok: -15\n", "otto.yaml:2:3: `prices.m`: prices must not be negative")]
    [InlineData("ownership: maybe\n", "otto.yaml:1:1: `ownership` must be enforce or warn, not 'maybe'")]
    [InlineData("agent:\n  provider: gpt\n", "otto.yaml:2:3: `agent.provider` must be one of claude, codex, gemini, command, scripted, not 'gpt'")]
    [InlineData("roles:\n  pilot:\n    provider: Claude\n", "otto.yaml:3:5: `roles.pilot.provider` must be one of claude, codex, gemini, command, scripted, not 'Claude'")]
    [InlineData("agent:\n  provider: command\n  command: []\n", "otto.yaml:3:3: `agent.command` must name the program to run")]
    public void Values_out_of_range_are_named_where_they_were_written(string yaml, string message)
    {
        Assert.Equal(message, Error(yaml).Message);
    }
}
