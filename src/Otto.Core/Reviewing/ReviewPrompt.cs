using Otto.Engine;
using Otto.Runs;

namespace Otto.Reviewing;

/// <summary>What the review prompt (templates/review.md.sbn) sees: the intent, the plan, what each task did,
/// the whole change base..head (bounded; the reviewer's worktree has the rest), and the last round's findings.</summary>
public static class ReviewPrompt
{
    public const int MaxDiffChars = 80_000;

    public static Dictionary<string, object?> Model(RunContext run, RunState state, int round, string head, string outputFile, IReadOnlyList<string> errors)
    {
        var diff = run.Repo.Git("diff", "--no-color", "--no-ext-diff", state.BaseSha, head).Stdout.TrimEnd();
        var cut = diff.Length > MaxDiffChars;
        return new()
        {
            ["intent"] = state.Intent,
            ["base_branch"] = state.BaseBranch,
            ["base_sha"] = state.BaseSha,
            ["head_sha"] = head,
            ["integration_branch"] = state.IntegrationBranch,
            ["round"] = round,
            ["max_rounds"] = run.Config.Limits.MaxReviewRounds,
            ["output_file"] = outputFile,
            ["errors"] = errors.Count == 0 ? null : errors,
            ["verify_commands"] = run.Config.Verify.Commands.Select(c => c.Run).ToList(),
            ["plan"] = File.Exists(run.Paths.PlanMarkdown) ? File.ReadAllText(run.Paths.PlanMarkdown).Trim() : null,
            ["tasks"] = state.Tasks.OrderBy(t => t.Order).Select(t => new Dictionary<string, object?>
            {
                ["id"] = t.Id, ["title"] = t.Title, ["owned_paths"] = t.OwnedPaths, ["summary"] = t.Summary,
            }).ToList(),
            ["diff_stat"] = run.Repo.Git("diff", "--stat", "--no-color", state.BaseSha, head).Stdout.TrimEnd(),
            ["diff"] = run.Redactor.Redact(cut ? diff[..MaxDiffChars] : diff),
            ["diff_cut"] = cut,
            ["previous"] = round > 1 && state.Review.Last is { } last
                ? last.Findings.Select(f => new Dictionary<string, object?> { ["path"] = f.Path, ["line"] = f.Line, ["severity"] = f.Severity, ["message"] = f.Message }).ToList()
                : null,
        };
    }
}
