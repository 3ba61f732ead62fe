using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;
using Otto.Templates;

namespace Otto.Report;

/// <summary>
/// Markdown from agents (summaries, plans) as HTML a report can embed: raw HTML is shown as text
/// (DisableHtml), and links and images become plain text, so nothing in agent text can run script,
/// load an asset from the network or point at a `javascript:` URL.
/// </summary>
public static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    public static HtmlFragment Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new TextLinkRenderer());
        renderer.ObjectRenderers.Replace<AutolinkInlineRenderer>(new TextAutolinkRenderer());
        renderer.Render(document);
        return new HtmlFragment(writer.ToString());
    }

    /// <summary>`[text](url)` as "text (url)"; `![alt](url)` as "[image: alt]".</summary>
    private sealed class TextLinkRenderer : HtmlObjectRenderer<LinkInline>
    {
        protected override void Write(HtmlRenderer renderer, LinkInline link)
        {
            if (link.IsImage)
            {
                renderer.Write("[image: ");
                renderer.WriteChildren(link);
                renderer.Write("]");
                return;
            }
            renderer.WriteChildren(link);
            if (string.IsNullOrEmpty(link.Url)) return;
            renderer.Write(" (");
            renderer.WriteEscape(link.Url);
            renderer.Write(")");
        }
    }

    private sealed class TextAutolinkRenderer : HtmlObjectRenderer<AutolinkInline>
    {
        protected override void Write(HtmlRenderer renderer, AutolinkInline link) => renderer.WriteEscape(link.Url);
    }
}
