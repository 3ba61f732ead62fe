using System.CommandLine;
using Otto.Engine;
using Otto.Pr;
using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Cli.Commands;

/// <summary>
/// `otto pr sync RUN`: the PR's new review comments and failing checks become fix attempts of the owning
/// tasks; once the run succeeds again, the new head is pushed (lease on the sha otto pushed last), the PR
/// updated and each fixed comment answered. stdout: the PR's URL; nothing new: nothing changes.
/// </summary>
public static class PrSyncCommand
{
    private static readonly Argument<string> RunArgument = new("run") { Description = "The run id (its PR was opened by `otto pr`)." };

    public static Command Create(CliIO io)
    {
        var command = new Command("sync", "Turn the PR's new review comments and failing checks into fix attempts, verify, push and update the PR.") { RunArgument };
        command.SetAction(async (parsed, _) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            FinalFile.Reconcile(new RunJournal(paths), () => RunInfo.Load(paths));
            var sync = new PrSync(new RunContext(paths, SilentObserver.Instance), io.Err);
            var findings = sync.Open();
            if (findings.Count == 0)
            {
                io.Err.WriteLine("otto pr sync: no new review comments or failing checks; nothing to do");
                return ExitCodes.Succeeded;
            }
            io.Err.WriteLine($"otto pr sync: {findings.Count} to fix:");
            foreach (var line in FindingRouter.Describe(findings).Split('\n')) io.Err.WriteLine("  " + line);
            var code = await RunSession.DriveAsync(io, paths, json: false).ConfigureAwait(false);
            if (code != ExitCodes.Succeeded)
            {
                io.Err.WriteLine("otto pr sync: the run did not succeed, so nothing was pushed; the PR is as it was");
                return code;
            }
            if (sync.Publish(findings, DateTimeOffset.UtcNow).PullRequest is { } pr) io.Out.WriteLine(pr.Url);
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
