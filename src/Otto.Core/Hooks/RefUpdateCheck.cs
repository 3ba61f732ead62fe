namespace Otto.Hooks;

/// <summary>
/// reference-transaction (state "prepared") in a task worktree: the agent may move its own task branch
/// and nothing else under refs/heads/ — not the run's integration branch, not another task's branch,
/// not the base branch, not any branch of the user's. HEAD, tags, stash and remote-tracking refs pass.
/// Pure: the lines git gives the hook ("OLD NEW REF").
/// </summary>
public static class RefUpdateCheck
{
    public static IReadOnlyList<string> Refusals(TaskWorktree task, string? baseBranch, IEnumerable<string> lines)
    {
        var own = "refs/heads/" + task.Branch;
        var refused = new List<string>();
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 3) continue;
            var reference = parts[2].Trim();
            if (!reference.StartsWith("refs/heads/", StringComparison.Ordinal) || reference == own) continue;
            var branch = reference["refs/heads/".Length..];
            var what = branch == Git.BranchNames.Integration(task.RunId) ? "the run's integration branch: otto merges verified work into it"
                : branch.StartsWith($"otto/tasks/{task.RunId}/", StringComparison.Ordinal) ? "another task's branch"
                : branch == baseBranch ? "the base branch the run started from"
                : branch.StartsWith("otto/", StringComparison.Ordinal) ? "a branch of another otto run"
                : "a branch outside this task";
            refused.Add($"  {branch} ({what})");
        }
        return refused;
    }

    public static string Message(TaskWorktree task, IReadOnlyList<string> refused) =>
        $"otto: from task `{task.TaskId}`'s worktree only its own branch {task.Branch} may move; refused:\n" +
        string.Join("\n", refused) + "\n" +
        "Commit your work on your branch; otto verifies it and merges it into the integration branch.";
}
