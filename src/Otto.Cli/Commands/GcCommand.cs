using System.CommandLine;
using System.Globalization;
using Otto.Config;
using Otto.Engine;

namespace Otto.Cli.Commands;

/// <summary>`otto gc [--dry-run] [--prune-branches [--older-than D] [--force]]`: tidy up after finished runs.</summary>
public static class GcCommand
{
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Only say what would be done." };
    private static readonly Option<bool> PruneBranches = new("--prune-branches")
    {
        Description = "Delete task branches of finished runs, and integration branches of runs that did not succeed, when every commit of them is on another branch (never a succeeded run's integration branch).",
    };
    private static readonly Option<string?> OlderThan = new("--older-than")
    {
        Description = "With --prune-branches: also delete branches of planned runs never built, and (with --force) branches with commits found nowhere else, once their run ended longer ago than this (e.g. 14d).",
        HelpName = "DURATION",
    };
    private static readonly Option<bool> Force = new("--force") { Description = "With --prune-branches --older-than: delete branches whose commits are on no other branch (that work is lost)." };

    public static Command Create(CliIO io)
    {
        var command = new Command("gc", "Remove finished runs' worktrees, stop their orphaned agents, list and prune their branches, report stale runs.")
        {
            DryRun, PruneBranches, OlderThan, Force,
        };
        command.SetAction(async (parsed, _) =>
        {
            var options = Options(parsed);
            var (repo, home) = CommonOptions.Repo(parsed);
            var dryRun = parsed.GetValue(DryRun);
            var actions = GarbageCollector.Plan(repo, home, options);
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

    private static GcOptions Options(ParseResult parsed)
    {
        var prune = parsed.GetValue(PruneBranches);
        TimeSpan? olderThan = null;
        if (parsed.GetValue(OlderThan) is { } text)
        {
            if (!Duration.TryParse(text, out var value) || value <= TimeSpan.Zero)
                throw new OttoException(string.Format(CultureInfo.InvariantCulture, "--older-than must be a duration like 14d or 36h, not '{0}'", text));
            olderThan = value;
        }
        var force = parsed.GetValue(Force);
        if ((olderThan is not null || force) && !prune) throw new OttoException("--older-than and --force only go with --prune-branches");
        if (force && olderThan is null) throw new OttoException("--force needs --older-than: say how old a branch with unmerged work must be before it may go");
        return new GcOptions(prune, force, olderThan);
    }
}
