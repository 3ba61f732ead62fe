using Otto.Git;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// The task otto adds to repair the integration branch itself: what fails only when the planned tasks'
/// work is together, and review findings in files no task owns. It starts from the integration head (its
/// worktree holds exactly the integration branch) and owns what the planned tasks owned, shared files
/// included, plus the unowned paths it is asked to fix. There is one per run, reopened for later rounds.
/// </summary>
public static class IntegrationTask
{
    public const string Title = "Integration fixes";

    public const string Description =
        "Repair the integration branch where the planned tasks' work meets: make the project's checks pass with every task's work together, " +
        "and fix what reviewers found in files no task owns, keeping every task's intent.";

    public static TaskState? Find(RunState state) => state.Tasks.FirstOrDefault(t => t.Added);

    /// <summary>The decision that gives the integration task this round: added the first time, reopened after.</summary>
    public static Decision For(RunState state, FixRound round, IReadOnlyList<string> paths)
    {
        if (Find(state) is { } existing)
        {
            var more = paths.Where(p => !existing.OwnedPaths.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            return new ReopenTask(existing.Id, new TaskReopened(round, more.Count == 0 ? null : more));
        }
        var id = NewId(state);
        var owned = state.Tasks.SelectMany(t => t.OwnedPaths).Concat(state.SharedFiles).Concat(paths).Distinct(StringComparer.Ordinal).ToList();
        return new AddTask(id, new TaskAdded(Title, Description, TaskRole.Integration, owned, BranchNames.Task(state.RunId, id), round));
    }

    private static string NewId(RunState state)
    {
        if (state.Task("integration") is null) return "integration";
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? "otto-integration" : $"otto-integration-{n}";
            if (state.Task(id) is null) return id;
        }
    }
}
