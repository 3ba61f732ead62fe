using System.CommandLine;
using Otto.Engine;
using Otto.Reporting;
using Otto.Integration;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto resume RUN`: carry on a run from disk after a crash, a kill or an answer.</summary>
public static class ResumeCommand
{
    private static readonly Argument<string> RunArgument = new("run") { Description = "The run id (see `otto runs`)." };
    private static readonly Option<bool> Json = CommonOptions.Json("Print final.json to stdout at the end.");
    private static readonly Option<bool> RestoreBranch = new("--restore-branch")
    {
        Description = "Put the integration branch back where otto left it (after something else moved it) and carry on; what was there is kept under refs/otto/displaced/.",
    };

    public static Command Create(CliIO io)
    {
        var command = new Command("resume", "Carry on a run from disk (after a crash, a kill, or an answer).") { RunArgument, Json, RestoreBranch, RunSession.DriveOnly };
        command.SetAction(async (parsed, _) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            var journal = new RunJournal(paths);
            if (parsed.GetValue(RestoreBranch)) io.Err.WriteLine(BranchRestore.Restore(new RunContext(paths, SilentObserver.Instance)));
            if (EnvironmentResume.Applies(journal.Read())) EnvironmentResume.Reopen(journal);
            FinalFile.Reconcile(journal, () => RunInfo.Load(paths));
            var state = journal.Read();
            if (state.IsFinished && File.Exists(paths.Final))
            {
                io.Err.WriteLine($"otto: run {state.RunId} already ended ({state.Status.Name()}); nothing to resume");
                if (parsed.GetValue(Json)) io.Out.Write(File.ReadAllText(paths.Final));
                return StatusView.ExitCodeOf(state);
            }
            // What a crash left half-written goes first (a temp file lives for milliseconds).
            foreach (var temp in TempFiles.Clean(paths)) io.Err.WriteLine($"removed {temp} (left half-written by a crash)");
            if (state.PlanOnly) PlannedRun.Continue(new RunContext(paths, SilentObserver.Instance));
            return await RunSession.DriveAsync(io, paths, parsed.GetValue(Json), driveOnly: parsed.GetValue(RunSession.DriveOnly)).ConfigureAwait(false);
        });
        return command;
    }
}
