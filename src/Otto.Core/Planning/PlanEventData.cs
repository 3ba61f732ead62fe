using System.Security.Cryptography;
using System.Text;
using Otto.Git;
using Otto.Contracts;
using Otto.Planning;

namespace Otto.Planning;

/// <summary>The plan_accepted event: the whole accepted plan, with each task's branch.</summary>
public static class PlanEventData
{
    public static PlanAccepted For(string runId, PlanDocument plan, int version, string fileText) => new(
        version,
        $"plan-v{version}.json",
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileText))),
        plan.Summary,
        [.. plan.Tasks.Select(t => new PlannedTask(t.Id, t.Title, t.Description, t.Role, t.DependsOn, t.OwnedPaths, t.Acceptance, BranchNames.Task(runId, t.Id), t.BestOf))],
        plan.SharedFiles,
        [.. plan.Contracts.Select(c => new PlannedContract(c.Path, c.Owner))]);
}
