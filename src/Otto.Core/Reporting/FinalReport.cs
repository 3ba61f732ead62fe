using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// final.json: how the run ended. Its **must** fields are relied on by users' scripts. Every field comes
/// from otto's own records — the fold of the log, and run.json for what the log lacks — so the same run
/// always yields the same file, and a file that says otherwise can be recognised and set right.
/// </summary>
public static class FinalReport
{
    public const int SchemaVersion = 1;

    /// <param name="checkoutChanged">What changed in the user's checkout during the run, as recorded in checkout.json
    /// at the end (<see cref="CheckoutWatch"/>), or null when the run has no such record.</param>
    public static string Build(RunState state, RunInfo? info, IReadOnlyList<string>? checkoutChanged = null)
    {
        var outcome = state.Outcome ?? throw new InvalidOperationException("final.json is written only for a finished run");
        var cause = outcome.Cause;
        var createdAt = state.CreatedAt != default ? state.CreatedAt : info?.CreatedAt ?? default;
        var finishedAt = state.FinishedAt ?? createdAt;
        var branch = state.IntegrationBranch.Length > 0 ? state.IntegrationBranch : info?.IntegrationBranch ?? "";
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
            ["integration_branch"] = branch,
            // The head otto recorded last: what it verified and merged, whatever the ref says now.
            ["head_sha"] = state.IntegrationBranch.Length > 0 ? state.IntegrationHead : null,
            ["base_sha"] = state.BaseSha.Length > 0 ? state.BaseSha : info?.BaseSha,
            ["intent"] = state.Intent.Length > 0 ? state.Intent : IntentText.Summary(info?.Intent ?? ""),
            ["tasks"] = new JsonObject(TaskView.Counts(state).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            // The sum of the reported costs, null when nobody reported one; cost_known false: some part is unknown.
            ["cost_usd"] = SpendText.KnownCost(state.CostUsd, state.UnknownCosts),
            ["cost_known"] = state.UnknownCosts == 0,
            ["tokens"] = new JsonObject { ["input"] = state.Tokens.Input, ["output"] = state.Tokens.Output, ["cached"] = state.Tokens.Cached },
            ["tokens_known"] = state.UnknownTokens == 0,
            ["duration_s"] = Math.Round(Math.Max(0, (finishedAt - createdAt).TotalSeconds), 3),
            ["amendments"] = AmendmentView.Json(state),
            ["warnings"] = new JsonArray([.. state.Warnings.Select(w => (JsonNode?)w.Detail)]),
            ["checkout_changed"] = checkoutChanged is null ? null : new JsonArray([.. checkoutChanged.Select(p => (JsonNode?)p)]),
        };
        // Only when there was a review: final.json files of runs without one stay exactly what they were.
        if (ReviewSection(state) is { } review) report["review"] = review;
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The last review and what it left: fixed findings are gone from it, the rest is never hidden.</summary>
    private static JsonObject? ReviewSection(RunState state)
    {
        if (state.Review.Last is not { } last) return null;
        var fixedAfter = last.Round <= state.Review.FixedRound;
        return new JsonObject
        {
            ["rounds"] = last.Round,
            ["verdict"] = last.Verdict,
            ["sha"] = last.Sha,
            ["file"] = last.File,
            ["unresolved"] = fixedAfter ? 0 : last.Findings.Count(Scheduling.FindingRouter.Blocks),
            ["findings"] = new JsonArray([.. last.Findings.OrderBy(f => Scheduling.FindingRouter.SeverityRank(f.Severity)).Select(f => (JsonNode?)new JsonObject
            {
                ["path"] = f.Path, ["line"] = f.Line, ["severity"] = f.Severity, ["message"] = f.Message,
            })]),
        };
    }
}
