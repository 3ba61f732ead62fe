using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto runs`: the repository's run history, newest first.</summary>
public static class RunsCommand
{
    private static readonly Option<int> Limit = new("--limit") { Description = "Runs per page.", DefaultValueFactory = _ => 20 };
    private static readonly Option<int> Page = new("--page") { Description = "Which page (from 1).", DefaultValueFactory = _ => 1 };
    private static readonly Option<bool> Json = CommonOptions.Json("Machine-readable list on stdout.");

    public static Command Create(CliIO io)
    {
        var command = new Command("runs", "List the repository's runs, newest first.") { Limit, Page, Json };
        command.SetAction(parsed =>
        {
            var (limit, page) = (parsed.GetValue(Limit), parsed.GetValue(Page));
            if (limit < 1) throw new OttoException("--limit must be at least 1");
            if (page < 1) throw new OttoException("--page must be at least 1");
            var (_, home) = CommonOptions.Repo(parsed);
            var abandoned = RunCatalog.Abandoned(home).ToHashSet(StringComparer.Ordinal);
            var ids = RunCatalog.Ids(home).Concat(abandoned).OrderDescending(StringComparer.Ordinal);
            var now = DateTimeOffset.UtcNow;
            var rows = ids.Skip((page - 1) * limit).Take(limit)
                .Select(id => abandoned.Contains(id) ? (Json: AbandonedRow(id), Text: AbandonedText(id)) : Row(home.Run(id), now))
                .ToList();
            if (parsed.GetValue(Json))
            {
                io.Out.WriteLine(new JsonArray([.. rows.Select(r => r.Json)]).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Succeeded;
            }
            if (rows.Count == 0) io.Err.WriteLine("no runs yet; start one with `otto build \"...\"`");
            foreach (var row in rows) io.Out.WriteLine(row.Text);
            return ExitCodes.Succeeded;
        });
        return command;
    }

    /// <summary>One run as --json lists it, and as a line of text: status, tasks, cost (unknown when nobody
    /// reported it, <see cref="SpendText"/>), tokens, how long it took (so far), the intent.</summary>
    private static (JsonObject Json, string Text) Row(RunPaths paths, DateTimeOffset now)
    {
        var state = new RunJournal(paths).Read();
        var status = StatusView.StatusOf(paths, state).Name();
        var seconds = SpendText.RunSeconds(state, now);
        var json = new JsonObject
        {
            ["run_id"] = paths.RunId,
            ["status"] = status,
            ["created_at"] = state.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["intent"] = state.Intent,
            ["tasks"] = state.Tasks.Count,
            ["cost_usd"] = SpendText.KnownCost(state.CostUsd, state.UnknownCosts),
            ["cost_known"] = state.UnknownCosts == 0,
            ["tokens"] = new JsonObject { ["input"] = state.Tokens.Input, ["output"] = state.Tokens.Output, ["cached"] = state.Tokens.Cached },
            ["tokens_known"] = state.UnknownTokens == 0,
            ["duration_s"] = seconds,
            ["integration_branch"] = state.IntegrationBranch,
        };
        var text = $"{paths.RunId}  {status,-17}  {state.Tasks.Count,3} tasks  {SpendText.Cost(state.CostUsd, state.UnknownCosts),-15}  " +
            $"{SpendText.TokensShort(state.Tokens, state.UnknownTokens),-12}  {SpendText.Duration(seconds),-12}  {EventText.FirstLine(state.Intent)}";
        return (json, text);
    }

    private static string AbandonedText(string id) =>
        $"{id}  {RunCatalog.AbandonedStatus,-17}  its creation was interrupted before run.json was written; `otto gc` removes it";

    /// <summary>A reserved run folder that never got its run.json: nothing but its id is known.</summary>
    private static JsonObject AbandonedRow(string id) => new()
    {
        ["run_id"] = id,
        ["status"] = RunCatalog.AbandonedStatus,
        ["created_at"] = null,
        ["intent"] = null,
        ["tasks"] = 0,
        ["cost_usd"] = 0m,
        ["cost_known"] = true,
        ["tokens"] = null,
        ["tokens_known"] = true,
        ["duration_s"] = null,
        ["integration_branch"] = null,
    };
}
