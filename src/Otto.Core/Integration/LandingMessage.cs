using System.Text;
using Otto.Runs;

namespace Otto.Integration;

/// <summary>
/// The message of the commit that lands a task on the integration branch. Both styles end with the
/// trailers `Otto-Run`, `Otto-Task` and `Otto-Attempt` (contracts.md), which is how otto recognises its
/// own commit after a crash and how a reader finds the task behind any line of the branch.
/// </summary>
public static class LandingMessage
{
    /// <summary>merge style: the merge commit of the task branch.</summary>
    public static string Merge(string runId, string taskId, int attempt, string title) =>
        $"otto: merge task {taskId}: {title}\n\n" + Trailers(runId, taskId, attempt);

    /// <summary>squash style: subject = the task's title; body = the agent's summary and what verified it.</summary>
    /// <param name="round">Why a merged task landed again (a fix round after a review or PR feedback), or null.</param>
    public static string Squash(string runId, TaskState task, int attempt, IReadOnlyList<string> verifyCommands, string? round)
    {
        var text = new StringBuilder();
        text.Append(OneLine(task.Title));
        if (round is not null) text.Append(" (").Append(round).Append(')');
        text.Append("\n\n");
        if (task.Summary is { Length: > 0 } summary) text.Append(summary.Trim()).Append("\n\n");
        text.Append(verifyCommands.Count == 0
            ? $"Verified: no verify commands are configured, so nothing checked attempt {attempt} but the agent's own word."
            : $"Verified: {string.Join(", ", verifyCommands.Select(c => $"`{c}`"))} passed on attempt {attempt} ({task.Branch} at {task.HeadCommit?[..Math.Min(12, task.HeadCommit.Length)]}).");
        text.Append("\n\n").Append(Trailers(runId, task.Id, attempt));
        return text.ToString();
    }

    public static string Trailers(string runId, string taskId, int attempt) =>
        $"Otto-Run: {runId}\nOtto-Task: {taskId}\nOtto-Attempt: {attempt}\n";

    /// <summary>The value of a trailer in a commit message, or null.</summary>
    public static string? Trailer(string message, string key)
    {
        var prefix = key + ": ";
        return message.Split('\n').Reverse().FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
