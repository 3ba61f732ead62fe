using Otto.Reporting;

namespace Otto.Tests.Reporting;

/// <summary>
/// The shipped prompts, rendered for every branch of their templates, compared with the files in
/// Fixtures/Prompts. A change to a template changes a golden file on purpose: regenerate them with
/// OTTO_UPDATE_GOLDEN=1 and read the diff before committing it.
/// </summary>
public sealed class PromptGoldenTests
{
    public static TheoryData<string> Cases => [.. PromptCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_prompt_renders_exactly_as_its_golden_file(string name)
    {
        var (template, model) = PromptCases.All[name];
        var rendered = new PromptRenderer(null).Render(template, model);
        var golden = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Prompts", name + ".md");
        if (Environment.GetEnvironmentVariable("OTTO_UPDATE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Fixtures/Prompts", name + ".md"));
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, rendered);
            return;
        }
        Assert.True(File.Exists(golden), $"no golden file {golden}; run the test with OTTO_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(golden), rendered);
    }
}
