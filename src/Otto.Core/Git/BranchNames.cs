namespace Otto.Git;

/// <summary>The branches a run makes: otto/RUN (integration, for review) and otto/tasks/RUN/TASK.</summary>
public static class BranchNames
{
    /// <summary>The folder of branches every run's branches are in (so no branch may be named just that).</summary>
    public const string Root = "otto";

    public static string Integration(string runId) => $"{Root}/{runId}";

    public static string Task(string runId, string taskId) => $"{Root}/tasks/{runId}/{taskId}";

    /// <summary>The branch of variant K (2 and up) of a best-of round: otto/tasks/RUN/TASK.vK. Variant 1 works
    /// on the task's own branch. (Task ids have no dots, so this is never another task's branch.)</summary>
    public static string Variant(string taskBranch, int variant) => variant == 1 ? taskBranch : $"{taskBranch}.v{variant}";

    /// <summary>True when <paramref name="branch"/> is a variant branch of <paramref name="taskBranch"/>.</summary>
    public static bool IsVariantOf(string branch, string taskBranch) =>
        branch.Length > taskBranch.Length + 2 && branch.StartsWith(taskBranch + ".v", StringComparison.Ordinal)
        && branch[(taskBranch.Length + 2)..].All(char.IsAsciiDigit);

    /// <summary>Where a variant that was not chosen is kept: refs/otto/tasks/RUN/TASK/alt-K (outside refs/heads,
    /// where otto/tasks/RUN/TASK is a branch and so cannot also be a folder of refs).</summary>
    public static string Alternate(string runId, string taskId, int variant) => $"refs/otto/tasks/{runId}/{taskId}/alt-{variant}";
}
