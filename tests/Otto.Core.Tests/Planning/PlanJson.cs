using System.Text.Json.Nodes;

namespace Otto.Tests.Planning;

/// <summary>.ai/plan.json documents for validation tests: tasks given as (id, role, depends_on, owned_paths).</summary>
internal static class PlanJson
{
    public static JsonObject Task(string id, string role = "feature", string[]? dependsOn = null, params string[] owned) => new()
    {
        ["id"] = id,
        ["title"] = $"task {id}",
        ["description"] = "",
        ["role"] = role,
        ["depends_on"] = new JsonArray([.. (dependsOn ?? []).Select(d => (JsonNode)d)]),
        ["owned_paths"] = new JsonArray([.. (owned.Length == 0 ? [$"src/{id}/**"] : owned).Select(p => (JsonNode)p)]),
        ["acceptance"] = new JsonArray("it works"),
    };

    public static JsonObject Plan(params JsonObject[] tasks) => new()
    {
        ["summary"] = "a plan",
        ["tasks"] = new JsonArray([.. tasks]),
    };

    public static JsonObject With(this JsonObject plan, string key, JsonNode value)
    {
        plan[key] = value;
        return plan;
    }
}
