using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Otto.Git;
using Otto.Planning;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>The data of a plan_accepted event: the whole accepted plan, with each task's branch.</summary>
public static class PlanEventData
{
    public static JsonObject For(string runId, PlanDocument plan, int version, string fileText) => new()
    {
        ["version"] = version,
        ["file"] = $"plan-v{version}.json",
        ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileText))),
        ["summary"] = plan.Summary,
        ["shared_files"] = EventData.Strings(plan.SharedFiles),
        ["tasks"] = new JsonArray(plan.Tasks.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["title"] = t.Title,
            ["description"] = t.Description,
            ["role"] = t.Role,
            ["depends_on"] = EventData.Strings(t.DependsOn),
            ["owned_paths"] = EventData.Strings(t.OwnedPaths),
            ["acceptance"] = EventData.Strings(t.Acceptance),
            ["branch"] = BranchNames.Task(runId, t.Id),
        }).ToArray()),
        ["contracts"] = new JsonArray(plan.Contracts.Select(c => (JsonNode)new JsonObject { ["path"] = c.Path, ["owner"] = c.Owner }).ToArray()),
    };
}
