using System.CommandLine;
using Otto.Engine;

namespace Otto.Cli.Commands;

/// <summary>`otto gc [--dry-run] [--prune-branches]`: tidy up after finished runs.</summary>
public static class GcCommand
{
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Only say what would be done." };
    private static readonly Option<bool> PruneBranches = new("--prune-branches") { Description = "Also delete finished runs' task branches (never the integration branches)." };

    public static Command Create(CliIO io)
    {
        var command = new Command("gc", "Remove finished runs' worktrees, stop their orphaned agents, report stale runs.") { DryRun, PruneBranches };
        command.SetAction(async (parsed, _) =>
        {
            var (repo, home) = CommonOptions.Repo(parsed);
            var dryRun = parsed.GetValue(DryRun);
            var actions = GarbageCollector.Plan(repo, home, parsed.GetValue(PruneBranches));
            if (actions.Count == 0) io.Err.WriteLine("nothing to clean up");
            foreach (var action in actions)
            {
                var prefix = action.RunId.Length == 0 ? "" : action.RunId + ": ";
                if (action.Apply is null || dryRun)
                {
                    io.Out.WriteLine((action.Apply is not null ? "would " : "") + prefix + action.What);
                    continue;
                }
                await action.Apply().ConfigureAwait(false);
                io.Out.WriteLine(prefix + action.What);
            }
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
