using Otto.Cli.Output;
using Otto.Engine;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>Drives a run in the foreground with progress on stderr and Ctrl-C/SIGTERM finalizing it;
/// ends with a summary (stderr) and, with --json, final.json on stdout.</summary>
public static class RunSession
{
    public static async Task<int> DriveAsync(CliIO io, RunPaths paths, bool json)
    {
        var observer = new ConsoleObserver(io.Err);
        var run = new RunContext(paths, observer);
        using var interrupt = new Interrupt();
        int code;
        using (new SignalTrap(interrupt))
        {
            code = await new RunDriver(run).DriveAsync(interrupt).ConfigureAwait(false);
        }
        Summarize(io, run, code, json);
        return code;
    }

    public static void Summarize(CliIO io, RunContext run, int code, bool json)
    {
        var state = run.Journal.Read();
        if (json && File.Exists(run.Paths.Final)) io.Out.Write(File.ReadAllText(run.Paths.Final));
        else if (json) io.Out.WriteLine(StatusView.JsonText(run.Paths, state));
        var err = io.Err;
        err.WriteLine();
        if (state.IsFinished)
        {
            err.WriteLine($"run {state.RunId}: {state.Status}" + (state.Outcome?.Cause?.Reason is { } reason && state.Status != RunStatuses.Succeeded ? $" ({state.Outcome.Cause.Kind})" : ""));
            if (state.Status != RunStatuses.Succeeded && state.Outcome?.Cause?.Reason is { } text)
            {
                err.WriteLine("reason:");
                foreach (var line in text.Split('\n').Take(40)) err.WriteLine("  " + line);
            }
        }
        else if (code == ExitCodes.Succeeded && state.PlanOnly)
        {
            err.WriteLine($"plan ready: {run.Paths.PlanMarkdown}");
            err.WriteLine($"edit {Path.Combine(run.Paths.Dir, "plan.json")} if you like, then: otto build --run {state.RunId}");
        }
        err.WriteLine($"run folder: {run.Paths.Dir}");
        err.WriteLine($"branch:     {state.IntegrationBranch}");
        err.Flush();
    }
}
