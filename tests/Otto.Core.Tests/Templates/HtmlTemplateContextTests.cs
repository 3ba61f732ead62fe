using Otto.Templates;

namespace Otto.Tests.Templates;

/// <summary>An HTML template escapes every value it writes, whatever the template does, except otto's own fragments.</summary>
public sealed class HtmlTemplateContextTests
{
    private static string Render(string text, Dictionary<string, object?> model) =>
        TemplateRunner.Render(new TemplateSource("t.html", "t.html.sbn", text, IsOverride: false), model, new HtmlTemplateContext());

    [Fact]
    public void Agent_text_is_escaped_in_text_and_in_attributes()
    {
        var hostile = "<script>alert(1)</script>\" onload=\"x";
        var html = Render("<p title=\"{{ s }}\">{{ s }}</p>", new() { ["s"] = hostile });

        Assert.Equal("<p title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x\">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x</p>", html);
    }

    [Fact]
    public void Strings_built_in_the_template_are_escaped_too()
    {
        var html = Render("{{ \"<b>\" + s + \"</b>\" }}|{{ s | string.upcase }}", new() { ["s"] = "<i>" });

        Assert.Equal("&lt;b&gt;&lt;i&gt;&lt;/b&gt;|&lt;I&gt;", html);
    }

    [Fact]
    public void A_fragment_otto_built_is_written_as_it_is()
    {
        var html = Render("<div>{{ svg }}</div>{{ for x in list }}{{ x }}{{ end }}", new()
        {
            ["svg"] = new HtmlFragment("<svg><rect/></svg>"),
            ["list"] = new List<object> { "<a>", new HtmlFragment("<br>") },
        });

        Assert.Equal("<div><svg><rect/></svg></div>&lt;a&gt;<br>", html);
    }

    [Fact]
    public void Enums_are_written_by_their_wire_names_in_html_and_in_text()
    {
        var model = new Dictionary<string, object?> { ["status"] = Otto.Events.RunStatus.WaitingForHuman };

        Assert.Equal("waiting_for_human", Render("{{ status }}", model));
        Assert.Equal("waiting_for_human", TemplateRunner.Render(new TemplateSource("t.md", "t.md.sbn", "{{ status }}", IsOverride: false), model));
    }
}
