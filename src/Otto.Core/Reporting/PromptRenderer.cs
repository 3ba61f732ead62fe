using System.Collections.Concurrent;
using HandlebarsDotNet;
using Otto.Contracts;
using Otto.Planning;

namespace Otto.Reporting;

/// <summary>
/// Renders prompts from Handlebars templates: the repository's `.otto/templates/NAME.md.hbs` when it
/// has one, otherwise the default shipped in templates/. No HTML escaping: prompts are Markdown.
/// </summary>
public sealed class PromptRenderer(string? overrideDir)
{
    private static readonly IHandlebars Engine = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private static readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> Compiled = new();

    public static readonly IReadOnlyList<string> Names = ["classify", "plan", "execute", "fix"];

    public string Render(string name, object model)
    {
        var text = TemplateText(name);
        var template = Compiled.GetOrAdd(text, t => Engine.Compile(t));
        return template(model);
    }

    public string TemplateText(string name)
    {
        if (overrideDir is not null)
        {
            var custom = Path.Combine(overrideDir, $"{name}.md.hbs");
            if (File.Exists(custom)) return File.ReadAllText(custom);
        }
        return EmbeddedFiles.Read($"templates/{name}.md.hbs");
    }
}
