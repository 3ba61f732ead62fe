using Otto.Cli.Output;
using Otto.Engine;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>Drives a run in the foreground with progress on stderr and Ctrl-C/SIGTERM finalizing it;
/// ends with a summary (stderr) and, with --json, final.json on stdout.</summary>
public static class RunSession
{
    public static async Task<int> DriveAsync(CliIO io, RunPaths paths, bool json, bool printWhere = true, bool driveOnly = false, string otto = "otto")
    {
        var live = UseLiveView(io) ? new LiveObserver(LiveObserver.ConsoleFor(io.RawErr), paths) : null;
        var run = new RunContext(paths, (IRunObserver?)live ?? new ConsoleObserver(io.Err));
        using var interrupt = new Interrupt();
        int code;
        using (new SignalTrap(interrupt))
        {
            live?.Start();
            try
            {
                code = await new RunDriver(run, driveOnly).DriveAsync(interrupt).ConfigureAwait(false);
            }
            finally
            {
                if (live is not null) await live.DisposeAsync().ConfigureAwait(false);
            }
        }
        Summarize(io, run, code, json, printWhere, otto);
        return code;
    }

    public static readonly System.CommandLine.Option<bool> DriveOnly = new("--drive-only")
    {
        Description = "Coordinate only: plan, verify the integration branch and finish, leaving task attempts to `otto work` processes.",
    };

    /// <summary>The live table on a terminal; plain lines otherwise (or with OTTO_PLAIN=1, or TERM=dumb).</summary>
    public static bool UseLiveView(CliIO io) =>
        io.ErrIsTerminal && Environment.GetEnvironmentVariable("OTTO_PLAIN") != "1" && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <param name="otto">How the user runs otto, for the next steps it prints (`otto -C DIR` after `otto demo`).</param>
    public static void Summarize(CliIO io, RunContext run, int code, bool json, bool printWhere, string otto = "otto")
    {
        if (File.Exists(run.Paths.Final)) FinalFile.Reconcile(run.Journal, () => run.Info);
        var state = run.Journal.Read();
        if (json && File.Exists(run.Paths.Final)) io.Out.Write(File.ReadAllText(run.Paths.Final));
        else if (json) io.Out.WriteLine(StatusView.JsonText(run.Paths, state));
        var err = io.Err;
        err.WriteLine();
        if (state.IsFinished)
        {
            err.WriteLine($"run {state.RunId}: {state.Status.Name()}" + (state.Outcome?.Cause?.Reason is { } reason && state.Status != RunStatus.Succeeded ? $" ({state.Outcome.Cause.Kind.Name()})" : ""));
            if (state.Status != RunStatus.Succeeded && state.Outcome?.Cause?.Reason is { } text)
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
        foreach (var line in Report.NextSteps.For(state, run.Repo, otto)) err.WriteLine(line);
        if (printWhere)
        {
            err.WriteLine($"run folder: {run.Paths.Dir}");
            err.WriteLine($"branch:     {state.IntegrationBranch}");
        }
        err.Flush();
    }
}
