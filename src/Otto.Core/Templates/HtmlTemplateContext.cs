using System.Net;
using Scriban;
using Scriban.Parsing;

namespace Otto.Templates;

/// <summary>
/// Markup that otto built itself and vouches for: SVG drawn from escaped values, Markdown rendered with
/// raw HTML disabled. The only kind of value an HTML template writes unescaped.
/// </summary>
public sealed record HtmlFragment(string Html)
{
    public override string ToString() => Html;
}

/// <summary>
/// Escapes every value an HTML template writes (agent text is hostile: summaries, reasons and logs may
/// hold markup), except an <see cref="HtmlFragment"/>. Escaping is the default, so a template override
/// cannot forget it; `html.escape` in a template would escape twice.
/// </summary>
public sealed class HtmlTemplateContext : OttoTemplateContext
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case null:
                return this;
            case HtmlFragment fragment:
                return Write(fragment.Html);
            default:
                var text = ObjectToString(textAsObject);
                return text is null ? this : Write(WebUtility.HtmlEncode(text));
        }
    }
}
