namespace Otto.Templates;

/// <summary>
/// One template's text and where it came from: the repository's override in `.otto/templates/`, or the
/// default shipped inside the assembly. <see cref="DisplayPath"/> is what error messages name.
/// </summary>
public sealed record TemplateSource(string Name, string DisplayPath, string Text, bool IsOverride);

/// <summary>A template that cannot be used: one sentence naming the file and line (exit 2, nothing changed).</summary>
public sealed class TemplateException(string displayPath, int line, string problem)
    : OttoException($"{displayPath}:{line}: {OneLine(problem)}")
{
    public string DisplayPath { get; } = displayPath;

    public int Line { get; } = line;

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
