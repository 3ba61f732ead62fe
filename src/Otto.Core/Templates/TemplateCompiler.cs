using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;

namespace Otto.Templates;

/// <summary>Parses Scriban templates once per distinct text; a problem becomes a <see cref="TemplateException"/>.</summary>
public static class TemplateCompiler
{
    private static readonly ConcurrentDictionary<string, Template> Compiled = new(StringComparer.Ordinal);

    public static Template Compile(TemplateSource source)
    {
        if (Compiled.TryGetValue(source.Text, out var known)) return known;
        if (HandlebarsSyntax.Find(source.Text) is { } handlebars)
        {
            throw new TemplateException(source.DisplayPath, handlebars.Line,
                $"`{handlebars.Construct}` is Handlebars; otto's templates are Scriban now (`{{{{ if x }}}}...{{{{ end }}}}`, `{{{{ for item in list }}}}...{{{{ end }}}}`): rewrite it from the default, see docs/templates.md");
        }
        var template = Template.Parse(source.Text, source.DisplayPath);
        if (template.HasErrors)
        {
            var error = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new TemplateException(source.DisplayPath, error.Span.Start.Line + 1, error.Message);
        }
        return Compiled.GetOrAdd(source.Text, template);
    }
}
