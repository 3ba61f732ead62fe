using Otto.Cli.Output;
using Otto.Engine;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>
/// `otto status --watch`: follows a run until it ends (or waits for a human, or nothing drives it any
/// more) and exits with the exit code of where it stopped. On a terminal it shows the live table
/// refreshing in place; otherwise it prints the run's events as plain lines.
/// </summary>
public static class StatusWatch
{
    public static async Task<int> RunAsync(CliIO io, RunPaths paths, CancellationToken ct)
    {
        var terminal = !Console.IsOutputRedirected && io.RawOut == Console.Out && Environment.GetEnvironmentVariable("OTTO_PLAIN") != "1";
        var live = terminal ? new LiveObserver(LiveObserver.ConsoleFor(io.RawOut), paths) : null;
        IRunObserver observer = (IRunObserver?)live ?? new ConsoleObserver(io.Out);
        live?.Start();
        try
        {
            var log = new EventLog(paths.Events);
            long offset = 0;
            while (!ct.IsCancellationRequested)
            {
                var (events, next) = log.ReadFrom(offset);
                offset = next;
                var state = new RunJournal(paths).Read();
                if (events.Count > 0) observer.Events(events, state);
                var status = StatusView.StatusOf(paths, state);
                if (state.IsFinished || status is RunStatus.Stale or RunStatus.WaitingForHuman or RunStatus.Planned)
                {
                    if (!terminal) io.Out.WriteLine($"run {state.RunId}: {status.Name()}");
                    return StatusView.ExitCodeOf(status);
                }
                await Task.Delay(LiveObserver.Refresh, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            if (live is not null) await live.DisposeAsync().ConfigureAwait(false);
        }
        return ExitCodes.Interrupted;
    }
}
