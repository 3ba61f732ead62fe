using System.CommandLine;
using Otto.Engine;
using Otto.Reviewing;
using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Cli.Commands;

/// <summary>
/// `otto review RUN [--json]`: the reviewer role reviews an ended run's verified integration branch (again),
/// blocker and major findings become fix rounds of the owning tasks, bounded by limits.max_review_rounds;
/// then the last review's findings are printed (stdout; with --json, review.json as kept in the run folder).
/// </summary>
public static class ReviewCommand
{
    private static readonly Argument<string> RunArgument = new("run") { Description = "The run id (see `otto runs`)." };
    private static readonly Option<bool> Json = CommonOptions.Json("Print the last review (review.json, with its round and sha) to stdout instead of text.");

    public static Command Create(CliIO io)
    {
        var command = new Command("review", "Review a run's verified branch with the reviewer role; fix what blocks, then print the findings.") { RunArgument, Json };
        command.SetAction(async (parsed, _) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            FinalFile.Reconcile(new RunJournal(paths), () => RunInfo.Load(paths));
            ReviewRequest.Open(new RunContext(paths, SilentObserver.Instance));
            var code = await RunSession.DriveAsync(io, paths, json: false).ConfigureAwait(false);
            var state = new RunJournal(paths).Read();
            if (state.Review.Last is not { } last)
            {
                io.Err.WriteLine($"otto: run {state.RunId} has no accepted review (see the reason above)");
                return code;
            }
            if (parsed.GetValue(Json)) io.Out.Write(File.ReadAllText(Path.Combine(paths.Dir, last.File)));
            else Print(io.Out, paths, state, last);
            return code;
        });
        return command;
    }

    private static void Print(TextWriter output, RunPaths paths, RunState state, Events.ReviewFinished last)
    {
        output.WriteLine($"review round {last.Round} of {state.IntegrationBranch} at {last.Sha[..Math.Min(12, last.Sha.Length)]}: {last.Verdict}");
        if (last.Summary is { Length: > 0 } summary) output.WriteLine(summary.Trim());
        if (last.Findings.Count == 0) output.WriteLine("no findings");
        else output.WriteLine(FindingRouter.Describe(last.Findings));
        output.WriteLine($"(the whole review: {Path.Combine(paths.Dir, last.File)})");
    }
}
