using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Review;

/// <summary>
/// `.otto/templates/` overrides in a real build: a Scriban one shapes the prompt the agent is given; an
/// old Handlebars one stops `otto build` before anything is made, naming the file and line.
/// </summary>
public sealed class TemplateOverrideTests
{
    [Fact]
    public async Task A_scriban_override_is_the_prompt_the_agent_gets()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        project.Repo.Write(".otto/templates/execute.md.sbn", "Custom prompt for {{ task.id }}: {{ task.owned_paths | array.join \", \" }}\n");

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Custom prompt for work: lib/**, tests/test_work.sh\n", project.SingleRun().AttemptFile("work", 1, "prompt.md"));
    }

    [Fact]
    public async Task A_handlebars_override_is_refused_before_anything_is_made()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        var file = project.Repo.Path(".otto/templates/fix.md.hbs");
        project.Repo.Write(".otto/templates/fix.md.hbs", "# fix {{task.id}}\n\n{{#if failure}}\n{{failure.reason}}\n{{/if}}\n");
        var branches = project.Repo.Git("branch", "--list");

        var result = await project.BuildAsync();

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"otto: {file}:3: `{{{{#if failure}}}}` is Handlebars;", line, StringComparison.Ordinal);
        Assert.Empty(project.RunIds());
        Assert.Equal(branches, project.Repo.Git("branch", "--list"));
    }
}
