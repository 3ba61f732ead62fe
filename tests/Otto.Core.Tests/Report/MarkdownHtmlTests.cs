using Otto.Report;

namespace Otto.Tests.Report;

/// <summary>Agent Markdown in the report: formatted, but never markup, script, links or remote images.</summary>
public sealed class MarkdownHtmlTests
{
    [Fact]
    public void Raw_html_is_text()
    {
        var html = MarkdownHtml.Render("added **sum** <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>").Html;

        Assert.Equal("<p>added <strong>sum</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;</p>\n", html);
    }

    [Fact]
    public void Links_and_images_become_plain_text()
    {
        var html = MarkdownHtml.Render("[docs](javascript:alert(1)) ![chart](http://example.invalid/c.png) <javascript:alert(2)> <https://example.invalid/>").Html;

        Assert.Equal("<p>docs (javascript:alert(1)) [image: chart] javascript:alert(2) https://example.invalid/</p>\n", html);
    }

    [Fact]
    public void A_diff_is_split_into_coloured_lines() =>
        Assert.Equal(["meta", "meta", "meta", "meta", "hunk", "ctx", "del", "add"],
            TaskSectionBuilder.Lines("diff --git a/x b/x\nindex 1..2 100644\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n").Select(l => l.Kind));
}
