using Otto.Git;
using Otto.Runs;
using Otto.Events;

namespace Otto.Report;

/// <summary>What a finished, successful build prints last: what changed, and how to review and propose it.</summary>
public static class NextSteps
{
    /// <param name="otto">How the user runs otto from where they are (`otto -C DIR` after `otto demo`).</param>
    public static IReadOnlyList<string> For(RunState state, GitRepo repo, string otto = "otto")
    {
        if (state.Status != RunStatus.Succeeded || state.IntegrationHead is not { } head) return [];
        var lines = new List<string> { "" };
        if (head != state.BaseSha && RunRecordReader.DiffStat(repo, state.BaseSha, head) is { Length: > 0 } stat)
        {
            lines.Add($"changes ({state.BaseBranch} {Units.Short(state.BaseSha)}..{state.IntegrationBranch} {Units.Short(head)}):");
            lines.AddRange(stat.Split('\n'));
            lines.Add("");
        }
        lines.Add("next:");
        lines.Add($"  {otto} pr {state.RunId}       push {state.IntegrationBranch} and open a draft PR (gh), or write pr.md");
        lines.Add($"  {otto} report {state.RunId}   an HTML report: timeline, costs, every attempt, failure and fix");
        return lines;
    }
}
