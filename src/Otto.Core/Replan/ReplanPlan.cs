using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Planning;
using Otto.Runs;

namespace Otto.Replan;

/// <summary>
/// A replan's answer made into the next plan version: validated like the first plan, with the merged
/// tasks kept as they are (first, unchanged) and the planner's tasks after them. The version file holds
/// the whole plan, so every reader of `plan-vN.json` (hooks, reports) sees one complete plan.
/// </summary>
public static class ReplanPlan
{
    public sealed record Accepted(PlanDocument Plan, string Text, IReadOnlyList<string> Kept, IReadOnlyList<string> Retired);

    public static IReadOnlyList<PlanTask> Merged(RunState state) =>
        [.. state.Tasks.Where(t => t.Phase == TaskPhase.Merged)
            .Select(t => new PlanTask(t.Id, t.Title, t.Description, t.Role, t.DependsOn, t.OwnedPaths, t.Acceptance))];

    public static (Accepted? Plan, IReadOnlyList<string> Errors) Validate(JsonObject answer, RunState state, int maxTasks)
    {
        var merged = Merged(state);
        var (plan, errors) = PlanValidator.Validate(answer, maxTasks, merged);
        if (plan is null) return (null, errors);
        var whole = plan with { Tasks = [.. merged, .. plan.Tasks] };
        var named = plan.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var retired = state.Tasks.Where(t => t.Phase != TaskPhase.Merged && !named.Contains(t.Id)).Select(t => t.Id).ToList();
        return (new Accepted(whole, Json(whole), [.. merged.Select(t => t.Id)], retired), []);
    }

    /// <summary>The plan contract's JSON for a plan document (indented, as plan-vN.json files are).</summary>
    public static string Json(PlanDocument plan)
    {
        static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
        var json = new JsonObject
        {
            ["summary"] = plan.Summary,
            ["tasks"] = new JsonArray([.. plan.Tasks.Select(t => (JsonNode?)new JsonObject
            {
                ["id"] = t.Id,
                ["title"] = t.Title,
                ["description"] = t.Description,
                ["role"] = t.Role.Name(),
                ["depends_on"] = Strings(t.DependsOn),
                ["owned_paths"] = Strings(t.OwnedPaths),
                ["acceptance"] = Strings(t.Acceptance),
            })]),
            ["shared_files"] = Strings(plan.SharedFiles),
            ["contracts"] = new JsonArray([.. plan.Contracts.Select(c => (JsonNode?)new JsonObject { ["path"] = c.Path, ["owner"] = c.Owner })]),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
