using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>final.json: how the run ended. Its **must** fields are relied on by users' scripts.</summary>
public static class FinalReport
{
    public const int SchemaVersion = 1;

    public static string Build(RunState state, string? headSha)
    {
        var outcome = state.Outcome ?? throw new InvalidOperationException("final.json is written only for a finished run");
        var cause = outcome.Cause;
        var finishedAt = state.FinishedAt ?? DateTimeOffset.UtcNow;
        var report = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["run_id"] = state.RunId,
            ["status"] = outcome.Status.Name(),
            ["reason"] = outcome.Status == RunStatus.Succeeded ? null : cause?.Reason,
            ["cause"] = cause is null ? null : new JsonObject
            {
                ["kind"] = cause.Kind.Name(),
                ["task"] = cause.Task,
                ["signature"] = cause.Signature,
                ["limit"] = cause.Limit is null ? null : new JsonObject { ["name"] = cause.Limit.Name, ["value"] = cause.Limit.Value },
                ["command"] = cause.Command,
            },
            ["finished_at"] = finishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["integration_branch"] = state.IntegrationBranch,
            ["head_sha"] = headSha,
            ["base_sha"] = state.BaseSha,
            ["intent"] = state.Intent,
            ["tasks"] = new JsonObject(TaskView.Counts(state).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["cost_usd"] = state.CostUsd,
            ["tokens"] = new JsonObject { ["input"] = state.Tokens.Input, ["output"] = state.Tokens.Output, ["cached"] = state.Tokens.Cached },
            ["duration_s"] = Math.Round((finishedAt - state.CreatedAt).TotalSeconds, 3),
        };
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
