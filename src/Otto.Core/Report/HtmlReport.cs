using Otto.Agents;
using Otto.Runs;
using Otto.Templates;
using Otto.Secrets;

namespace Otto.Report;

/// <summary>`otto report`: the run as one self-contained HTML page (inline CSS and SVG, no script, no network).</summary>
public static class HtmlReport
{
    public const string TemplateName = "report.html";
    public const string FileName = "report.html";

    public static string Render(RunRecord record, TemplateStore templates, Redactor redactor, DateTimeOffset now)
    {
        var model = new Dictionary<string, object?>
        {
            ["run"] = RunViewBuilder.Build(record, now),
            ["generated_at"] = Units.Time(now),
        };
        // The record's texts are redacted already; the whole page once more, in case a template adds one.
        return redactor.Redact(TemplateRunner.Render(templates.Find(TemplateName), model, new HtmlTemplateContext()));
    }

    /// <summary>Renders the run's report and writes it (atomically) to <paramref name="output"/>, or report.html in the run folder.</summary>
    public static string Write(RunPaths paths, string? output, TemplateStore templates, Redactor redactor, DateTimeOffset now)
    {
        var html = Render(RunRecordReader.Read(paths, redactor), templates, redactor, now);
        var target = output ?? Path.Combine(paths.Dir, FileName);
        AtomicFile.Write(target, html, durable: false);
        return target;
    }
}
