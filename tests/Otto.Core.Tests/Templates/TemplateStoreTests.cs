using Otto.Reporting;
using Otto.Templates;

namespace Otto.Tests.Templates;

/// <summary>
/// A repository's template overrides (.otto/templates/): Scriban ones are used, old Handlebars ones and
/// broken ones are refused with one sentence naming the file and line.
/// </summary>
public sealed class TemplateStoreTests
{
    private static readonly Dictionary<string, object?> Model = new()
    {
        ["intent"] = "add a cache",
        ["errors"] = new List<string> { "first", "second" },
        ["task"] = new Dictionary<string, object?> { ["id"] = "cache" },
    };

    [Fact]
    public void A_scriban_override_replaces_the_shipped_prompt()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "classify.md.sbn"), "Intent: {{ intent }}\n{{ for e in errors }}[{{ e }}]{{ end }}\n");

        var prompt = new PromptRenderer(dir.Path).Render("classify", Model);

        Assert.Equal("Intent: add a cache\n[first][second]\n", prompt);
    }

    [Fact]
    public void An_override_under_its_old_handlebars_name_keeps_working_when_its_text_is_scriban()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "execute.md.hbs"), "Do {{task.id}} for: {{intent}}\n");

        Assert.Equal("Do cache for: add a cache\n", new PromptRenderer(dir.Path).Render("execute", Model));
        new TemplateStore(dir.Path).CheckOverrides();
    }

    [Fact]
    public void Without_an_override_the_shipped_template_is_used()
    {
        using var dir = new TempDir();

        var prompt = new PromptRenderer(dir.Path).Render("classify", Model);

        Assert.StartsWith("# otto: classify this intent", prompt, StringComparison.Ordinal);
        Assert.Contains("- second\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handlebars_override_is_refused_naming_the_file_and_line()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "plan.md.hbs");
        File.WriteAllText(file, "# plan\n\n{{intent}}\n{{#if errors}}\nfix: {{#each errors}}{{this}}{{/each}}\n{{/if}}\n");

        var error = Assert.Throws<TemplateException>(() => new TemplateStore(dir.Path).CheckOverrides());

        Assert.StartsWith($"{file}:4: `{{{{#if errors}}}}` is Handlebars;", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Throws<TemplateException>(() => new PromptRenderer(dir.Path).Render("plan", Model));
    }

    [Fact]
    public void A_scriban_syntax_error_names_the_file_and_its_line()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "fix.md.sbn");
        File.WriteAllText(file, "line one\nline two\n{{ if intent }}\nno end\n");

        var error = Assert.Throws<TemplateException>(() => new TemplateStore(dir.Path).CheckOverrides());

        Assert.StartsWith(file + ":", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_failure_while_rendering_names_the_file_and_line()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "classify.md.sbn");
        File.WriteAllText(file, "ok\n{{ no_such_function 1 2 }}\n");

        var error = Assert.Throws<TemplateException>(() => new PromptRenderer(dir.Path).Render("classify", Model));

        Assert.StartsWith(file + ":2: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_named_after_no_template_is_refused()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "exeucte.md.sbn");
        File.WriteAllText(file, "{{ intent }}\n");

        var error = Assert.Throws<TemplateException>(() => new TemplateStore(dir.Path).CheckOverrides());

        Assert.Contains("no template named `exeucte.md`", error.Message, StringComparison.Ordinal);
        Assert.Contains("execute.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_handlebars_file_beside_its_scriban_replacement_is_still_refused()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "execute.md.sbn"), "{{ intent }}\n");
        File.WriteAllText(Path.Combine(dir.Path, "execute.md.hbs"), "{{#each task.owned_paths}}{{this}}{{/each}}\n");

        var error = Assert.Throws<TemplateException>(() => new TemplateStore(dir.Path).CheckOverrides());

        Assert.Contains("execute.md.hbs:1:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{#if x}}", 1)]
    [InlineData("a\n{{/each}}", 2)]
    [InlineData("a\nb\n{{{raw}}}", 3)]
    [InlineData("{{> partial}}", 1)]
    [InlineData("{{#unless @last}}, {{/unless}}", 1)]
    [InlineData("x {{@index}}", 1)]
    public void Handlebars_constructs_are_recognized_with_their_line(string text, int line) =>
        Assert.Equal(line, HandlebarsSyntax.Find(text)?.Line);

    [Theory]
    [InlineData("{{ if x }}a{{ else }}b{{ end }}")]
    [InlineData("{{~ for p in paths ~}}\n- {{ p }}\n{{~ end ~}}")]
    [InlineData("{{ intent }} and {{ task.id }}")]
    [InlineData("no tags at all, an email a@last.example")]
    [InlineData("{{ # a Scriban comment }}{{~ # another ~}}")]
    public void Scriban_is_not_mistaken_for_handlebars(string text) => Assert.Null(HandlebarsSyntax.Find(text));
}
