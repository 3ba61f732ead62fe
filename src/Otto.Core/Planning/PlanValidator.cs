using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Otto.Contracts;
using Otto.Ownership;

namespace Otto.Planning;

/// <summary>
/// Every plan rule of contracts.md, as a pure function from the planner's JSON to a plan or a list of
/// errors, each one sentence naming the task and field, so they can be quoted back to the planner.
/// </summary>
public static partial class PlanValidator
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex SlugSafe();

    /// <param name="merged">For a replan: the tasks already merged, kept as they are. New tasks may depend on
    /// them and may not reuse their ids; they count toward limits.max_tasks.</param>
    public static (PlanDocument? Plan, IReadOnlyList<string> Errors) Validate(JsonObject json, int maxTasks, IReadOnlyList<PlanTask>? merged = null)
    {
        var schemaErrors = SchemaValidator.Validate("plan", json.ToJsonString());
        if (schemaErrors.Count > 0) return (null, schemaErrors.Select(e => $"plan.json: {e}").ToList());
        var plan = ToDocument(json);
        var errors = Check(plan, maxTasks, merged);
        return errors.Count == 0 ? (plan, errors) : (null, errors);
    }

    public static IReadOnlyList<string> Check(PlanDocument plan, int maxTasks, IReadOnlyList<PlanTask>? merged = null)
    {
        merged ??= [];
        var errors = new List<string>();
        if (plan.Tasks.Count == 0) errors.Add("the plan has no tasks; it needs at least one");
        if (plan.Tasks.Count + merged.Count > maxTasks)
            errors.Add($"the plan has {plan.Tasks.Count + merged.Count} tasks{(merged.Count > 0 ? $" with the {merged.Count} merged ones" : "")}, more than limits.max_tasks ({maxTasks})");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var done = merged.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var task in plan.Tasks)
        {
            if (!SlugSafe().IsMatch(task.Id)) errors.Add($"task id '{task.Id}' is not slug-safe (lowercase letters, digits, '-' and '_', at most 63)");
            if (done.Contains(task.Id)) errors.Add($"task {task.Id} is already merged: it is kept as it is and may not be redefined; give new work a new id");
            else if (!ids.Add(task.Id)) errors.Add($"task id '{task.Id}' is used twice");
        }
        foreach (var task in plan.Tasks)
        {
            foreach (var dependency in task.DependsOn)
            {
                if (dependency == task.Id) errors.Add($"task {task.Id} depends on itself");
                else if (!ids.Contains(dependency) && !done.Contains(dependency)) errors.Add($"task {task.Id} depends on '{dependency}', which is not a task of this plan");
            }
            if (task.OwnedPaths.Count == 0) errors.Add($"task {task.Id} owns no paths; give it the files or folders it will change");
            foreach (var path in task.OwnedPaths)
            {
                if (PathPattern.Problem(path) is { } problem) errors.Add($"task {task.Id}: owned path '{path}' {problem}");
            }
        }
        if (FindCycle(plan) is { } cycle) errors.Add($"the dependencies form a cycle: {string.Join(" -> ", cycle)}");
        if (errors.Count > 0) return errors;

        // Merged tasks run no more: only new tasks can overlap, and a merged foundation may own shared files.
        errors.AddRange(ConcurrentOverlaps(plan with { Tasks = [.. plan.Tasks.Select(t => t with { DependsOn = [.. t.DependsOn.Where(ids.Contains)] })] }));
        errors.AddRange(SharedFileRules(plan with { Tasks = [.. merged, .. plan.Tasks] }));
        return errors;
    }

    /// <summary>Tasks that may run at the same time (neither depends on the other) must own disjoint paths.</summary>
    private static IEnumerable<string> ConcurrentOverlaps(PlanDocument plan)
    {
        var graph = new TaskGraph(plan.Tasks.Select(t => (t.Id, t.DependsOn)).ToList());
        for (var i = 0; i < plan.Tasks.Count; i++)
        {
            for (var j = i + 1; j < plan.Tasks.Count; j++)
            {
                var (a, b) = (plan.Tasks[i], plan.Tasks[j]);
                if (graph.IsOrdered(a.Id, b.Id)) continue;
                foreach (var pa in a.OwnedPaths)
                {
                    var overlap = b.OwnedPaths.FirstOrDefault(pb => PathPattern.Parse(pa).Overlaps(PathPattern.Parse(pb)));
                    if (overlap is null) continue;
                    yield return $"tasks {a.Id} and {b.Id} may run at the same time but both own '{pa}'/'{overlap}'; make one depend on the other or split the paths";
                    break;
                }
            }
        }
    }

    private static IEnumerable<string> SharedFileRules(PlanDocument plan)
    {
        var foundations = plan.Tasks.Where(t => t.Role == TaskRole.Foundation).ToList();
        foreach (var shared in plan.SharedFiles)
        {
            if (PathPattern.Problem(shared) is { } problem)
            {
                yield return $"shared file '{shared}' {problem}";
                continue;
            }
            if (!foundations.Any(f => f.OwnedPaths.Any(p => PathPattern.Parse(p).Matches(shared))))
                yield return $"shared file '{shared}' must be owned by a foundation task";
            foreach (var feature in plan.Tasks.Where(t => t.Role != TaskRole.Foundation))
            {
                if (feature.OwnedPaths.Any(p => PathPattern.Parse(p).Overlaps(PathPattern.Parse(shared))))
                    yield return $"task {feature.Id} owns shared file '{shared}', but only a foundation task may change shared files";
            }
        }
        foreach (var contract in plan.Contracts)
        {
            var owner = plan.Tasks.FirstOrDefault(t => t.Id == contract.Owner);
            if (owner is null) yield return $"contract '{contract.Path}' names owner '{contract.Owner}', which is not a task of this plan";
            else if (owner.Role != TaskRole.Foundation) yield return $"contract '{contract.Path}' is owned by {owner.Id}, which is not a foundation task";
            else if (!owner.OwnedPaths.Any(p => PathPattern.Parse(p).Matches(contract.Path)))
                yield return $"contract '{contract.Path}' is not among the paths its owner {owner.Id} owns";
        }
    }

    private static List<string>? FindCycle(PlanDocument plan)
    {
        var byId = plan.Tasks.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        var state = new Dictionary<string, int>(); // 1 = on the stack, 2 = done
        var stack = new List<string>();
        List<string>? Visit(string id)
        {
            state[id] = 1;
            stack.Add(id);
            foreach (var next in byId[id].DependsOn.Where(byId.ContainsKey))
            {
                if (state.GetValueOrDefault(next) == 1) return [.. stack[stack.IndexOf(next)..], next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
            return null;
        }
        foreach (var id in byId.Keys)
        {
            if (state.GetValueOrDefault(id) == 0 && Visit(id) is { } cycle) return cycle;
        }
        return null;
    }

    private static PlanDocument ToDocument(JsonObject json)
    {
        static IReadOnlyList<string> Strings(JsonNode? node) =>
            node is JsonArray array ? array.Select(n => (string?)n ?? "").ToList() : [];
        var tasks = (json["tasks"] as JsonArray ?? []).OfType<JsonObject>().Select(t => new PlanTask(
            (string?)t["id"] ?? "",
            (string?)t["title"] ?? "",
            (string?)t["description"] ?? "",
            Wire.Parse<TaskRole>((string?)t["role"]),
            Strings(t["depends_on"]),
            Strings(t["owned_paths"]),
            Strings(t["acceptance"]),
            (int?)t["best_of"])).ToList();
        var contracts = (json["contracts"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => new PlanContract((string?)c["path"] ?? "", (string?)c["owner"] ?? "")).ToList();
        return new PlanDocument((string?)json["summary"] ?? "", tasks, Strings(json["shared_files"]), contracts);
    }
}
