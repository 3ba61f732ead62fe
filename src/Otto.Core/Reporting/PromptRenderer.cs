using Otto.Templates;

namespace Otto.Reporting;

/// <summary>
/// Renders prompts from Scriban templates: the repository's `.otto/templates/NAME.md.sbn` when it has
/// one, otherwise the default shipped in templates/ (see <see cref="TemplateStore"/>). No escaping:
/// prompts are Markdown for an agent.
/// </summary>
public sealed class PromptRenderer(string? overrideDir)
{
    private readonly TemplateStore _store = new(overrideDir);

    public static readonly IReadOnlyList<string> Names = ["classify", "plan", "execute", "fix", "amend", "integration", "review", "choose"];

    // Prompts quote output (failures, conflicts, answers): no terminal control sequence reaches an agent.
    public string Render(string name, IReadOnlyDictionary<string, object?> model) =>
        Platform.TerminalText.Strip(TemplateRunner.Render(_store.Find(name + ".md"), model));
}
