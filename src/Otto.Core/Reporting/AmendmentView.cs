using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>What `otto status` and final.json say of amendments: what a waiting task waits on, and every
/// amendment of the run with how it ended. Pure: from the folded state.</summary>
public static class AmendmentView
{
    /// <summary>"amendment 1 (lib/calc.sh): task core makes it in attempt 2" for a task waiting on its amendments, else null.</summary>
    public static string? WaitingOn(RunState state, TaskState task)
    {
        if (task.Phase != TaskPhase.WaitingForAmendment) return null;
        var open = state.Amendments.Where(a => a.Requester == task.Id && a.IsOpen).ToList();
        if (open.Count == 0) return "the amendments it asked for";
        return string.Join("; ", open.Select(a => $"amendment {a.Id} ({a.Path}): {Progress(a)}"));
    }

    private static string Progress(Amendment a) => a switch
    {
        { Status: AmendmentStatus.Requested } => "asked, not routed yet",
        { DeliveredIn: { } attempt } => $"task {a.Owner} makes it in attempt {attempt}",
        _ => $"for task {a.Owner}'s next attempt",
    };

    /// <summary>The run's amendments for final.json, in the order they were asked for.</summary>
    public static JsonArray Json(RunState state) =>
        new([.. state.Amendments.Select(a => (JsonNode?)new JsonObject
        {
            ["id"] = a.Id,
            ["requester"] = a.Requester,
            ["requester_attempt"] = a.RequesterAttempt,
            ["path"] = a.Path,
            ["change"] = a.Change,
            ["reason"] = a.Reason,
            ["owner"] = a.Owner,
            ["status"] = a.Status.Name(),
            ["owner_attempt"] = a.DeliveredIn,
            ["commit"] = a.Commit,
            ["refusal"] = a.Refusal,
            ["limit"] = a.Limit is null ? null : new JsonObject { ["name"] = a.Limit.Name, ["value"] = a.Limit.Value },
        })]);
}
