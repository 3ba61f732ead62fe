namespace Otto.Git;

/// <summary>The branches a run makes: otto/RUN (integration, for review) and otto/tasks/RUN/TASK.</summary>
public static class BranchNames
{
    public static string Integration(string runId) => $"otto/{runId}";

    public static string Task(string runId, string taskId) => $"otto/tasks/{runId}/{taskId}";
}
