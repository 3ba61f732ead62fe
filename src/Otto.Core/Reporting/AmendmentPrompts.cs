using Otto.Runs;

namespace Otto.Reporting;

/// <summary>What a task's prompt says of amendments: the changes other tasks asked of it (as owner), and
/// the changes it asked for that were made (as requester). Pure: from the folded state.</summary>
public static class AmendmentPrompts
{
    /// <summary>Amendments routed to the task and carried by this attempt or an earlier one of it, not yet made.</summary>
    public static IReadOnlyList<Dictionary<string, object?>>? AskedOf(RunState state, TaskState task, int attempt)
    {
        var asked = state.Amendments
            .Where(a => a.Owner == task.Id && a.Status == AmendmentStatus.Routed && a.DeliveredIn is { } carried && carried <= attempt)
            .Select(a => new Dictionary<string, object?> { ["id"] = a.Id, ["requester"] = a.Requester, ["path"] = a.Path, ["change"] = a.Change, ["reason"] = a.Reason })
            .ToList();
        return asked.Count == 0 ? null : asked;
    }

    /// <summary>Amendments the task asked for that its owners made, with what the owner said of its latest attempt.</summary>
    public static IReadOnlyList<Dictionary<string, object?>>? MadeFor(RunState state, TaskState task)
    {
        var made = state.Amendments
            .Where(a => a.Requester == task.Id && a.Status == AmendmentStatus.Made)
            .Select(a => new Dictionary<string, object?>
            {
                ["id"] = a.Id, ["owner"] = a.Owner, ["path"] = a.Path, ["change"] = a.Change, ["commit"] = a.Commit,
                ["summary"] = a.Owner is null ? null : state.Task(a.Owner)?.Summary,
            })
            .ToList();
        return made.Count == 0 ? null : made;
    }
}
