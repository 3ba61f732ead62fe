using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Engine;
using Otto.Runs;

namespace Otto.Execution;

/// <summary>
/// With a reviewer configured (`roles.reviewer`), the reviewer picks among a best-of round's verified
/// variants: it sees the intent, the task and each variant's diff, and answers `{"variant": N, "reason"}`
/// in `.ai/choice.json`. The accepted answer is kept in the attempt folder (choice/choice.json) so a redo
/// after a crash picks the same variant without asking again. No valid answer: the fixed order decides.
/// </summary>
public sealed class VariantChooser(RunContext run, TaskState task, int attempt)
{
    private const int MaxDiffChars = 20_000;

    private readonly AttemptFiles _files = new(Path.Combine(run.Paths.AttemptDir(task.Id, attempt), "choice"));

    public static bool Applies(OttoConfig config, IReadOnlyList<VariantResult> results) =>
        config.Roles.Reviewer is not null && results.Count(v => v.Verified && v.Commit is not null) >= 2;

    public async Task<VariantChoice> ChooseAsync(IReadOnlyList<VariantResult> results, CancellationToken ct)
    {
        var verified = results.Where(v => v.Verified && v.Commit is not null).OrderBy(v => v.Variant).ToList();
        var accepted = Path.Combine(_files.Dir, "choice.json");
        if (Read(accepted, verified) is { } earlier) return earlier with { CostUsd = null, Tokens = null };
        var work = Path.Combine(_files.Dir, "work");
        Directory.CreateDirectory(Path.Combine(work, ".ai"));
        var output = Path.Combine(work, ".ai", "choice.json");
        var agents = run.Agents(AgentSelection.Reviewer);
        var request = agents.Create("review", task.Id, attempt, work, _files, "", output);
        if (AgentProcess.Inspect(_files) is LaunchState.NotLaunched)
            request = request with { Prompt = run.Prompts.Render("choose", Model(verified, output)) };
        var outcome = await new AgentRunner(agents.Provider, run.Redactor, ProviderGate.ForStage(run, "choose")).RunAsync(request, run.Limits, 0, QuietAgentObserver.Instance, ct).ConfigureAwait(false);
        var answer = Read(output, verified);
        if (answer is not null) AtomicFile.Write(accepted, File.ReadAllText(output));
        return (answer ?? new VariantChoice(null, "the reviewer gave no valid choice; the first verified variant is taken", null, null))
            with { CostUsd = outcome.Report.CostUsd, Tokens = outcome.Report.Tokens };
    }

    private Dictionary<string, object?> Model(IReadOnlyList<VariantResult> verified, string output) => new()
    {
        ["task_id"] = task.Id,
        ["task_title"] = task.Title,
        ["task_description"] = task.Description,
        ["intent"] = run.Info.Intent,
        ["output_file"] = output,
        ["variants"] = verified.Select(v => new Dictionary<string, object?>
        {
            ["number"] = v.Variant,
            ["summary"] = v.Summary,
            ["diff"] = Diff(v.Commit! + "^", v.Commit!), // one commit per attempt, on the attempt's start
        }).ToList(),
    };

    private string Diff(string from, string to)
    {
        var text = run.Repo.Git("diff", from, to).Stdout;
        return text.Length <= MaxDiffChars ? text : text[..MaxDiffChars] + $"\n... ({text.Length - MaxDiffChars} more characters: git diff {from} {to})";
    }

    private static VariantChoice? Read(string file, IReadOnlyList<VariantResult> verified)
    {
        var (json, _) = File.Exists(file) ? ContractFile.Read(file, ".ai/choice.json") : (null, null);
        if (json?["variant"] is not JsonValue value || !value.TryGetValue<int>(out var variant)) return null;
        if (!verified.Any(v => v.Variant == variant)) return null;
        return new VariantChoice(variant, json["reason"] is JsonValue reason && reason.TryGetValue<string>(out var text) ? text : null, null, null);
    }
}

/// <summary>The reviewer's pick (null: none valid), its reason, and what asking cost.</summary>
public sealed record VariantChoice(int? Variant, string? Reason, decimal? CostUsd, Events.TokenCounts? Tokens);
