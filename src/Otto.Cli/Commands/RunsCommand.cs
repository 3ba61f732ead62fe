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
            var rows = ids.Skip((page - 1) * limit).Take(limit).Select(id =>
            {
                if (abandoned.Contains(id)) return AbandonedRow(id);
                var paths = home.Run(id);
                var state = new RunJournal(paths).Read();
                return new JsonObject
                {
                    ["run_id"] = id,
                    ["status"] = StatusView.StatusOf(paths, state).Name(),
                    ["created_at"] = state.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                    ["intent"] = state.Intent,
                    ["tasks"] = state.Tasks.Count,
                    ["cost_usd"] = state.CostUsd,
                    ["integration_branch"] = state.IntegrationBranch,
                };
            }).ToList();
            if (parsed.GetValue(Json))
            {
                io.Out.WriteLine(new JsonArray([.. rows]).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Succeeded;
            }
            if (rows.Count == 0) io.Err.WriteLine("no runs yet; start one with `otto build \"...\"`");
            foreach (var row in rows)
                io.Out.WriteLine((string?)row["status"] == RunCatalog.AbandonedStatus
                    ? $"{row["run_id"]}  {RunCatalog.AbandonedStatus,-17}  its creation was interrupted before run.json was written; `otto gc` removes it"
                    : $"{row["run_id"]}  {row["status"],-17}  {row["tasks"],3} tasks  ${((decimal?)row["cost_usd"] ?? 0).ToString("0.00", CultureInfo.InvariantCulture),6}  {EventText.FirstLine((string?)row["intent"])}");
            return ExitCodes.Succeeded;
        });
        return command;
    }

    /// <summary>A reserved run folder that never got its run.json: nothing but its id is known.</summary>
    private static JsonObject AbandonedRow(string id) => new()
    {
        ["run_id"] = id,
        ["status"] = RunCatalog.AbandonedStatus,
        ["created_at"] = null,
        ["intent"] = null,
        ["tasks"] = 0,
        ["cost_usd"] = 0m,
        ["integration_branch"] = null,
    };
}
