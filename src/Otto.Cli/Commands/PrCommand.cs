using System.CommandLine;
using Otto.Pr;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>
/// `otto pr RUN [--draft|--ready] [--merge] [--remote R] [--allow-failed]`: push the verified branch and
/// open or update its PR with gh (stdout: the PR's URL), or merge it only if its head is the verified
/// commit. Without gh or a remote: pr.md and the commands to run (stdout).
/// </summary>
public static class PrCommand
{
    private static readonly Argument<string> RunArgument = new("run") { Description = "The run id." };
    private static readonly Option<bool> Draft = new("--draft") { Description = "Open the PR as a draft (the default)." };
    private static readonly Option<bool> Ready = new("--ready") { Description = "Open the PR ready for review instead of as a draft." };
    private static readonly Option<bool> Merge = new("--merge") { Description = "Merge the run's PR, only if its head is the commit otto verified." };
    private static readonly Option<string?> Remote = new("--remote") { Description = "The remote to push to (default: the base branch's upstream remote)." };
    private static readonly Option<bool> AllowFailed = new("--allow-failed") { Description = "Publish a run that did not succeed, marked as failed in the title and body." };

    public static Command Create(CliIO io)
    {
        var command = new Command("pr", "Push a run's verified branch and open or update its pull request (gh), or merge it.")
        {
            RunArgument, Draft, Ready, Merge, Remote, AllowFailed,
        };
        command.Add(PrSyncCommand.Create(io));
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(Draft) && parsed.GetValue(Ready)) throw new OttoException("--draft and --ready contradict each other; give one");
            var (_, home) = CommonOptions.Repo(parsed);
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            var options = new PrOptions(parsed.GetValue(Remote), Draft: !parsed.GetValue(Ready), parsed.GetValue(AllowFailed));
            if (parsed.GetValue(Merge))
            {
                io.Out.WriteLine(new PrMerger(paths, io.Err).Merge(options, DateTimeOffset.UtcNow).Url);
                return ExitCodes.Succeeded;
            }
            var outcome = new PrPublisher(paths, io.Err).Publish(options, DateTimeOffset.UtcNow);
            if (outcome.PullRequest is { } pr) io.Out.WriteLine(pr.Url);
            foreach (var line in outcome.Commands) io.Out.WriteLine(line);
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
