using System.CommandLine;
using Otto.Engine;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto status [RUN] [--json]`: what a run is doing; RUN defaults to the newest.</summary>
public static class StatusCommand
{
    private static readonly Argument<string?> RunArgument = new("run") { Description = "The run id (default: the newest).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<bool> Json = CommonOptions.Json("Machine-readable status on stdout.");
    private static readonly Option<bool> Watch = new("--watch", "-w") { Description = "Follow the run until it ends: a live table on a terminal, plain lines otherwise." };

    public static Command Create(CliIO io)
    {
        var command = new Command("status", "Show what a run is doing.") { RunArgument, Json, Watch };
        command.SetAction(async (parsed, ct) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            if (AbandonedFolder(home, parsed.GetValue(RunArgument)) is { } abandoned)
            {
                io.Out.WriteLine(parsed.GetValue(Json) ? AbandonedJson(abandoned) : $"run {abandoned}: {RunCatalog.AbandonedStatus} (its creation was interrupted before run.json was written; `otto gc` removes it)");
                return ExitCodes.Succeeded;
            }
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            if (parsed.GetValue(Watch))
            {
                if (parsed.GetValue(Json)) throw new OttoException("--watch and --json do not go together; poll `otto status --json` instead");
                return await StatusWatch.RunAsync(io, paths, ct).ConfigureAwait(false);
            }
            // The common case, a run still going: what the last writer of state.json left for status.
            if (StatusView.FromViewFile(paths, parsed.GetValue(Json)) is { } shown) return Show(io, shown, parsed.GetValue(Json));
            var journal = new RunJournal(paths);
            if (journal.Read().IsFinished || File.Exists(paths.Final)) FinalFile.Reconcile(journal, () => RunInfo.Load(paths));
            var state = journal.Read();
            if (parsed.GetValue(Json)) io.Out.WriteLine(StatusView.JsonText(paths, state));
            else io.Out.Write(StatusText.Render(paths, state));
            return ExitCodes.Succeeded;
        });
        return command;
    }

    /// <summary>
    /// `otto status [--json] [RUN]` (with `-C DIR` or `--dir DIR` anywhere) of a run still going, answered from
    /// its status-view before the command tree is built: scripts poll this in loops, and building and parsing
    /// the tree is a third of what the answer costs (bench/README.md). Anything else (another option, a run
    /// without a current view, any problem) returns null and goes the whole way, which answers it the same.
    /// </summary>
    public static int? TryShowDirect(string[] args, CliIO io)
    {
        if (DirectArguments(args) is not var (dir, json, runId)) return null;
        string? shown;
        try
        {
            var directory = dir is null ? Environment.CurrentDirectory : Path.GetFullPath(dir);
            if (!Directory.Exists(directory) || Otto.Git.GitRepo.Discover(directory) is not { } repo) return null;
            var home = new OttoHome(repo.Root);
            if (AbandonedFolder(home, runId) is not null) return null;
            shown = StatusView.FromViewFile(home.Run(RunCatalog.Resolve(home, runId)), json);
        }
        catch (Exception)
        {
            // Whatever went wrong here goes wrong the whole way too, where it is reported as every command reports it.
            return null;
        }
        // Written outside the try: a write that fails part way must not be written again the whole way.
        return shown is null ? null : Show(io, shown, json);
    }

    /// <summary>The directory, --json and run id of exactly `status [--json] [RUN]` with `-C DIR`/`--dir DIR` anywhere, or null.</summary>
    internal static (string? Dir, bool Json, string? RunId)? DirectArguments(string[] args)
    {
        string? dir = null, runId = null;
        bool status = false, json = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            // `--` and `@file` (a response file) mean something else to System.CommandLine, even as a value.
            if (arg is "-C" or "--dir" && dir is null && i + 1 < args.Length && args[i + 1] != "--" && !args[i + 1].StartsWith('@')) dir = args[++i];
            else if (arg == "status" && !status) status = true;
            else if (arg == "--json" && status && !json) json = true;
            else if (status && runId is null && RunId.IsValid(arg)) runId = arg;
            else return null;
        }
        return status ? (dir, json, runId) : null;
    }

    private static int Show(CliIO io, string shown, bool json)
    {
        if (json) io.Out.WriteLine(shown);
        else io.Out.Write(shown);
        return ExitCodes.Succeeded;
    }

    /// <summary>The run asked for, or the newest run folder, when it is an abandoned one.</summary>
    private static string? AbandonedFolder(OttoHome home, string? runId)
    {
        if (runId is not null) return RunId.IsValid(runId) && RunCatalog.IsAbandoned(home.Run(runId)) ? runId : null;
        var newest = RunCatalog.Ids(home).FirstOrDefault();
        var abandoned = RunCatalog.Abandoned(home).FirstOrDefault();
        return abandoned is not null && (newest is null || string.CompareOrdinal(abandoned, newest) > 0) ? abandoned : null;
    }

    private static string AbandonedJson(string runId) => new System.Text.Json.Nodes.JsonObject
    {
        ["schema_version"] = 1,
        ["run_id"] = runId,
        ["status"] = RunCatalog.AbandonedStatus,
        ["stage"] = null,
        ["reason"] = "its creation was interrupted before run.json was written",
        ["tasks"] = new System.Text.Json.Nodes.JsonArray(),
        ["cost_usd"] = 0m,
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
}
