using Otto.Config;

namespace Otto.Tests.Config;

public sealed class AgentSelectionTests
{
    private static OttoConfig Parse(string yaml) => ConfigLoader.Parse(yaml, "otto.yaml");

    [Fact]
    public void Without_overrides_every_role_gets_the_default_agent_and_claude_by_default()
    {
        var config = Parse("agent:\n  model: sonnet\n");

        Assert.All(AgentSelection.Roles, role => Assert.Equal(("claude", "sonnet"), (AgentSelection.For(config, role).Provider, AgentSelection.For(config, role).Model)));
    }

    [Fact]
    public void A_role_with_the_same_provider_takes_what_it_does_not_set_from_the_default()
    {
        var config = Parse("agent:\n  provider: claude\n  model: sonnet\nroles:\n  planner:\n    model: opus\n  implementer:\n    provider: claude\n");

        Assert.Equal(("claude", "opus"), (AgentSelection.For(config, AgentSelection.Planner).Provider, AgentSelection.For(config, AgentSelection.Planner).Model));
        Assert.Equal("sonnet", AgentSelection.For(config, AgentSelection.Implementer).Model);
    }

    [Fact]
    public void A_role_with_another_provider_takes_nothing_provider_specific_from_the_default()
    {
        var config = Parse("agent:\n  provider: claude\n  model: sonnet\nroles:\n  reviewer:\n    provider: codex\n");

        var reviewer = AgentSelection.For(config, AgentSelection.Reviewer);

        Assert.Equal(("codex", null), (reviewer.Provider, reviewer.Model));
    }

    [Fact]
    public void Command_line_overrides_apply_to_every_role_and_drop_models_of_another_provider()
    {
        var config = Parse("agent:\n  provider: claude\n  model: sonnet\nroles:\n  reviewer:\n    provider: codex\n    model: o3\n");

        var overridden = AgentSelection.WithOverrides(config, "scripted", null);

        Assert.All(AgentSelection.Roles, role => Assert.Equal("scripted", AgentSelection.For(overridden, role).Provider));
        Assert.Null(AgentSelection.For(overridden, AgentSelection.Reviewer).Model);
        Assert.Same(config, AgentSelection.WithOverrides(config, null, null));
        Assert.Equal("haiku", AgentSelection.For(AgentSelection.WithOverrides(config, null, "haiku"), AgentSelection.Pilot).Model);
    }

    [Theory]
    [InlineData("agent:\n  provider: claude\n  model: sonnet\nroles:\n  planner:\n    provider: codex\n", "codex", null)]
    [InlineData("agent:\n  provider: claude\n  model: sonnet\nroles:\n  implementer:\n    model: opus\n", "claude", "sonnet")]
    [InlineData("agent:\n  provider: claude\n  model: sonnet\nroles:\n  pilot:\n    provider: gemini\n  reviewer:\n    model: haiku\n", "claude", "haiku")]
    [InlineData("agent:\n  provider: claude\n  model: sonnet\n", "claude", "sonnet")]
    public void The_reviewer_nobody_chose_is_a_second_opinion_when_another_agent_is_configured(string yaml, string provider, string? model)
    {
        var reviewer = AgentSelection.For(Parse(yaml), AgentSelection.Reviewer);

        Assert.Equal((provider, model), (reviewer.Provider, reviewer.Model));
    }
}
