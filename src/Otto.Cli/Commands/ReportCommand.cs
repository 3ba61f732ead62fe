using System.CommandLine;
using Otto.Agents;
using Otto.Report;
using Otto.Runs;
using Otto.Templates;
using Otto.Secrets;

namespace Otto.Cli.Commands;

/// <summary>`otto report [RUN] [--out FILE]`: the run as one self-contained HTML file; prints its path.</summary>
public static class ReportCommand
{
    private static readonly Argument<string?> RunArgument = new("run") { Description = "The run id (default: the newest).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Write the report here instead of report.html in the run folder." };

    public static Command Create(CliIO io)
    {
        var command = new Command("report", "Write a run's HTML report: outcome, timeline, costs, attempts, fixes, logs.") { RunArgument, Out };
        command.SetAction(parsed =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            var output = parsed.GetValue(Out) is { } given ? OutputFile(Path.GetFullPath(given, CommonOptions.WorkingDirectory(parsed))) : null;
            var written = HtmlReport.Write(paths, output, new TemplateStore(home.Templates), Redactor.FromProcess(), DateTimeOffset.UtcNow);
            io.Out.WriteLine(written);
            return ExitCodes.Succeeded;
        });
        return command;
    }

    private static string OutputFile(string path)
    {
        if (Directory.Exists(path)) throw new OttoException($"--out {path} is a folder; name the file to write, e.g. {Path.Combine(path, HtmlReport.FileName)}");
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) throw new OttoException($"--out {path}: the folder {folder} does not exist");
        return path;
    }
}
