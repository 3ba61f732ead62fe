using System.CommandLine;
using Otto.Cli.Commands;

namespace Otto.Cli;

/// <summary>
/// Builds the command tree and runs it. The one top-level handler maps problems to exit codes:
/// OttoException (the user can fix it) prints one sentence; anything else is a bug, printed in one line
/// (with the stack trace under --verbose or OTTO_TRACE=1).
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliIO? io = null)
    {
        io ??= CliIO.Console;
        if (HookCommand.TryRunDirect(args, io) is { } hookExit) return hookExit;
        if (StatusCommand.TryShowDirect(args, io) is { } statusExit)
        {
            io.Out.Flush();
            return statusExit;
        }
        var root = BuildRoot(io);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parsed.Errors) io.Err.WriteLine($"otto: {error.Message}");
            io.Err.WriteLine("otto: see `otto --help`");
            return ExitCodes.BadInput;
        }
        try
        {
            if (parsed.Action is System.CommandLine.Help.HelpAction)
            {
                var help = new StringWriter();
                var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = help, Error = io.Err }).ConfigureAwait(false);
                io.Out.Write(HelpText.WithOptionalArguments(help.ToString(), parsed.CommandResult.Command));
                return code;
            }
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = io.Out,
                Error = io.Err,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            }).ConfigureAwait(false);
        }
        catch (OttoException e)
        {
            // A message may quote what was typed or read (a run id, a config value): redacted like all output.
            io.Err.WriteLine(Secrets.Redactor.FromProcess().Redact($"otto: {e.Message}"));
            return e.ExitCode;
        }
        catch (Exception e) when (Otto.Platform.DiskFull.Is(e))
        {
            // Whatever command met it: a full disk is the machine's problem, said as such (exit 4).
            io.Err.WriteLine(Secrets.Redactor.FromProcess().Redact($"otto: {Otto.Platform.DiskFull.Reason("(" + e.Message + ")")}"));
            return ExitCodes.Environment;
        }
        catch (Exception e)
        {
            var redactor = Secrets.Redactor.FromProcess();
            io.Err.WriteLine(redactor.Redact($"otto: internal error: {e.GetType().Name}: {e.Message}"));
            if (parsed.GetValue(CommonOptions.Verbose) || Environment.GetEnvironmentVariable("OTTO_TRACE") == "1") io.Err.WriteLine(redactor.Redact(e.ToString()));
            else io.Err.WriteLine("otto: run again with --verbose (or OTTO_TRACE=1) for the stack trace; please report it");
            return ExitCodes.RunFailed;
        }
        finally
        {
            // The sanitizing writers hold a line until it ends; what was written without one goes out now.
            io.Out.Flush();
            io.Err.Flush();
        }
    }

    public static RootCommand BuildRoot(CliIO io)
    {
        var root = new RootCommand("otto turns an intent into verified code on a git branch by driving AI coding agents. " +
            $"Documentation: {System.IO.Path.Combine(ShippedFiles.Docs, "cli.md")} (and the other files there).")
        {
            CommonOptions.Verbose,
            CommonOptions.Directory,
        };
        root.Add(InitCommand.Create(io));
        root.Add(DemoCommand.Create(io));
        root.Add(BuildCommand.Create(io));
        root.Add(PlanCommand.Create(io));
        root.Add(ResumeCommand.Create(io));
        root.Add(WorkCommand.Create(io));
        root.Add(StatusCommand.Create(io));
        root.Add(LogsCommand.Create(io));
        root.Add(RunsCommand.Create(io));
        root.Add(AnswerCommand.Create(io));
        root.Add(StopCommand.Create(io));
        root.Add(GcCommand.Create(io));
        root.Add(DoctorCommand.Create(io));
        root.Add(HooksCommand.Create(io));
        root.Add(HookCommand.Create(io));
        root.Add(ReportCommand.Create(io));
        root.Add(ReviewCommand.Create(io));
        root.Add(PrCommand.Create(io));
        return root;
    }
}
