using System.CommandLine;
using Otto.Cli.Output;
using Otto.Engine;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto work RUN`: a worker that claims and executes ready tasks until none are left.</summary>
public static class WorkCommand
{
    private static readonly Argument<string> RunArgument = new("run") { Description = "The run id." };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Agents this worker runs at once (a task past its agent verifies and merges without holding a place; at most twice as many tasks in flight).", DefaultValueFactory = _ => 1 };

    public static Command Create(CliIO io)
    {
        var command = new Command("work", "Claim and execute ready tasks of a run until none are left.") { RunArgument, Concurrency };
        command.SetAction(async (parsed, _) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var concurrency = parsed.GetValue(Concurrency);
            if (concurrency < 1) throw new OttoException("--concurrency must be at least 1");
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            var run = new RunContext(paths, new ConsoleObserver(io.Err));
            using var interrupt = new Interrupt();
            using var trap = new SignalTrap(interrupt);
            return await new Worker(run, concurrency).WorkAsync(interrupt).ConfigureAwait(false);
        });
        return command;
    }
}
