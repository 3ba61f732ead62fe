using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Otto.Templates;

/// <summary>Renders a compiled template against a model of dictionaries, lists and plain values.</summary>
public static class TemplateRunner
{
    /// <param name="context">An <see cref="HtmlTemplateContext"/> for HTML (everything escaped); plain text otherwise.</param>
    public static string Render(TemplateSource source, IReadOnlyDictionary<string, object?> model, TemplateContext? context = null)
    {
        var template = TemplateCompiler.Compile(source);
        var globals = new ScriptObject();
        foreach (var (key, value) in model) globals.SetValue(key, value, readOnly: false);
        context ??= new OttoTemplateContext();
        // The model bounds the size (logs are cut before they get here); Scriban's defaults would cut a
        // long report at 1 MB and stop a loop after 1,000 iterations.
        context.LimitToString = 0;
        context.LoopLimit = 1_000_000;
        context.NewLine = "\n";
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateException(source.DisplayPath, e.Span.Start.Line + 1, e.OriginalMessage);
        }
    }
}
