using System.CommandLine;
using Otto.Demo;
using Otto.Engine;

namespace Otto.Cli.Commands;

/// <summary>`otto demo`: makes a sample repository and performs a whole build on the built-in scripted agent.</summary>
public static class DemoCommand
{
    private static readonly Option<string?> Keep = new("--keep") { Description = "Make the sample repository in DIR (a new or empty folder) and keep it, instead of a temp folder.", HelpName = "DIR" };

    private static readonly Option<bool> Amendment = new("--amendment")
    {
        Description = "Show an amendment: a feature needs a change in the core's contract file, asks for it, and the core makes it (amendment-scenario.yaml).",
    };

    public static Command Create(CliIO io)
    {
        var command = new Command("demo", "Build a sample project end to end on the built-in scripted agent.") { Keep, Amendment };
        command.SetAction(async (parsed, _) =>
        {
            var dir = parsed.GetValue(Keep) is { } keep
                ? Path.GetFullPath(keep)
                : Directory.CreateTempSubdirectory("otto-demo-").FullName;
            io.Err.WriteLine($"otto demo: a sample repository in {dir}");
            var repo = DemoProject.Create(dir);
            var amendment = parsed.GetValue(Amendment);
            var options = amendment ? new BuildOptions { Scenario = DemoProject.AmendmentScenario } : new BuildOptions();
            var paths = RunCreator.Create(repo, amendment ? DemoProject.AmendmentIntent : DemoProject.Intent, options, DateTimeOffset.UtcNow);
            var code = await RunSession.DriveAsync(io, paths, json: false, printWhere: false, otto: $"otto -C {Pr.CommandLine.Quote(repo.Root)}").ConfigureAwait(false);
            io.Out.WriteLine($"repository: {repo.Root}");
            io.Out.WriteLine($"run folder: {paths.Dir}");
            io.Out.WriteLine($"branch:     otto/{paths.RunId}  (git -C {repo.Root} log --oneline --graph otto/{paths.RunId})");
            return code;
        });
        return command;
    }
}
