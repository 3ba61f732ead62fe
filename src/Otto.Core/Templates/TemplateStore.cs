using Otto.Contracts;

namespace Otto.Templates;

/// <summary>
/// Finds templates by name ("execute.md", "report.html"): the repository's `.otto/templates/NAME.sbn`
/// first, then `NAME.hbs` (the name overrides had when otto used Handlebars: such a file keeps working
/// if its text is Scriban), else the default shipped in templates/.
/// </summary>
public sealed class TemplateStore(string? overrideDir)
{
    public const string Extension = ".sbn";
    public const string LegacyExtension = ".hbs";
    private const string Prefix = "templates/";

    /// <summary>The names of the shipped templates, e.g. "execute.md".</summary>
    public static IReadOnlyList<string> Shipped { get; } =
        [.. EmbeddedFiles.Names(Prefix).Where(n => n.EndsWith(Extension, StringComparison.Ordinal)).Select(n => n[Prefix.Length..^Extension.Length])];

    public TemplateSource Find(string name)
    {
        if (overrideDir is not null)
        {
            foreach (var extension in new[] { Extension, LegacyExtension })
            {
                var path = Path.Combine(overrideDir, name + extension);
                if (File.Exists(path)) return Read(name, path);
            }
        }
        return new TemplateSource(name, $"{Prefix}{name}{Extension} (built in)", EmbeddedFiles.Read(Prefix + name + Extension), IsOverride: false);
    }

    /// <summary>
    /// Compiles every override file, so that a broken one (or one still in Handlebars, or one named after
    /// no template) is reported before a command changes anything.
    /// </summary>
    public void CheckOverrides()
    {
        if (overrideDir is null || !Directory.Exists(overrideDir)) return;
        var files = Directory.EnumerateFiles(overrideDir)
            .Where(f => f.EndsWith(Extension, StringComparison.Ordinal) || f.EndsWith(LegacyExtension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!Shipped.Contains(name, StringComparer.Ordinal))
                throw new TemplateException(file, 1, $"otto has no template named `{name}` (its templates: {string.Join(", ", Shipped)}); rename or remove this file");
            TemplateCompiler.Compile(Read(name, file));
        }
    }

    private static TemplateSource Read(string name, string path) => new(name, path, File.ReadAllText(path), IsOverride: true);
}
