using System.CommandLine;
using Otto.Engine;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto stop [RUN] [--force]`: stop a run's agents and finalize it as canceled; RUN defaults to the newest.</summary>
public static class StopCommand
{
    private static readonly Argument<string?> RunArgument = new("run") { Description = "The run id (default: the newest run).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<bool> Force = new("--force") { Description = "SIGKILL at once instead of SIGTERM and a grace period." };

    public static Command Create(CliIO io)
    {
        var command = new Command("stop", "Stop a run's agents and finalize it as canceled.") { RunArgument, Force };
        command.SetAction(async (parsed, _) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            var message = await RunStopper.StopAsync(new RunContext(paths, SilentObserver.Instance), parsed.GetValue(Force), TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            io.Err.WriteLine(message);
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
