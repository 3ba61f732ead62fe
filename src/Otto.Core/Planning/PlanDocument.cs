namespace Otto.Planning;

/// <summary>.ai/plan.json as the planner wrote it (after schema validation).</summary>
public sealed record PlanDocument(
    string Summary,
    IReadOnlyList<PlanTask> Tasks,
    IReadOnlyList<string> SharedFiles,
    IReadOnlyList<PlanContract> Contracts);

public sealed record PlanTask(
    string Id,
    string Title,
    string Description,
    TaskRole Role,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> OwnedPaths,
    IReadOnlyList<string> Acceptance,
    int? BestOf = null);

public sealed record PlanContract(string Path, string Owner);
