using System.Text;
using Otto.Engine;
using Otto.Execution;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Engine;

/// <summary>`.ai/context.md`: what an agent should know of its run, and the bound that keeps it small.</summary>
public sealed class AgentContextTests
{
    private static readonly PlannedContract[] Contracts =
    [
        new("src/core/api.h", "core"),
        new("src/api/openapi.yaml", "api"),
        new("src/db/schema.sql", "db"),
    ];

    /// <summary>core merged; db running; api (depends on core) claimed; ui waits for api.</summary>
    private static RunState Run() =>
        new EventStream().Started().Plan("core", "api:core", "ui:api", "db")
            .Succeeds("core").Claim("db", 1, "db-1").Claim("api", 1, "api-1").Fold();

    private static ContextInput Input(
        string? taskId = "api", string intent = "Add a login page.", IReadOnlyList<string>? runLearnings = null, string repository = "") =>
        new(EventStream.RunId, intent, taskId is null ? "plan" : "execute", taskId, 1, Run(), "Core first, then the API and the UI.",
            Contracts, id => "/worktrees/" + id, runLearnings ?? [], repository, "docs/otto-learnings.md");

    [Fact]
    public void A_task_is_told_the_intent_the_plan_its_place_its_contracts_and_what_was_learned()
    {
        var text = AgentContext.Compose(Input(
            runLearnings: ["- [core] Log through core's logger.", "- [db] Tables are snake_case."],
            repository: "# Notes\n\n## 20241231-090000-beef: the first run\n\n- [x] Tests run with make test.\n"));

        Assert.Contains($"Run `{EventStream.RunId}`, stage `execute`, task `api`, attempt 1.", text, StringComparison.Ordinal);
        Assert.Contains("## The intent\n\nAdd a login page.\n", text, StringComparison.Ordinal);
        Assert.Contains("## The plan\n\nCore first, then the API and the UI.\n", text, StringComparison.Ordinal);
        Assert.Contains("Task `api` (task api), role feature, branch ", text, StringComparison.Ordinal);
        Assert.Contains("owns `src/api/**`.\n", text, StringComparison.Ordinal);
        Assert.Contains("Depends on: `core` (merged).\nWaiting for it: `ui`.\n", text, StringComparison.Ordinal);
        Assert.Contains("- `db` (task db): owns `src/db/**`; worktree `/worktrees/db`\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("worktree `/worktrees/ui`", text, StringComparison.Ordinal);
        Assert.Contains("- `src/core/api.h`: provided by `core` (merged); this task builds on it and does not change it\n", text, StringComparison.Ordinal);
        Assert.Contains("- `src/api/openapi.yaml`: this task provides it", text, StringComparison.Ordinal);
        Assert.DoesNotContain("src/db/schema.sql", text, StringComparison.Ordinal);
        Assert.Contains("## What earlier tasks of this run learned\n\n- [core] Log through core's logger.\n- [db] Tables are snake_case.\n", text, StringComparison.Ordinal);
        Assert.Contains("## What the repository learned in earlier runs\n\n### 20241231-090000-beef: the first run\n\n- [x] Tests run with make test.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_planner_gets_the_intent_and_the_repositorys_learnings_without_a_place()
    {
        var text = AgentContext.Compose(Input(taskId: null));

        Assert.Contains("stage `plan`.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("## This task's place", text, StringComparison.Ordinal);
        Assert.DoesNotContain("## Contracts", text, StringComparison.Ordinal);
        Assert.Contains("## What earlier tasks of this run learned\n\n(nothing yet)\n", text, StringComparison.Ordinal);
        Assert.Contains("(nothing yet: docs/otto-learnings.md has no learnings)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_learnings_are_bounded_whole_keeping_the_related_and_the_newest()
    {
        var unrelated = Enumerable.Range(1, 150).Select(i => $"- [db] db fact number {i:D3} {new string('d', 60)}").ToList();
        var related = Enumerable.Range(1, 3).Select(i => $"- [core] core fact {i}").ToList();
        var repository = new StringBuilder("# Notes\n\n");
        for (var run = 1; run <= 60; run++) repository.Append($"## run-{run:D2}: intent\n\n- [t] repository fact {run:D2} {new string('r', 80)}\n- [u] another of run {run:D2}\n\n");
        List<string> runLearnings = [.. related.Take(1), .. unrelated, .. related.Skip(1)];

        var text = AgentContext.Compose(Input(runLearnings: runLearnings, repository: repository.ToString()));

        Assert.InRange(Encoding.UTF8.GetByteCount(text), 1, AgentContext.MaxBytes);
        var entries = text.Split('\n').Where(l => l.StartsWith("- [", StringComparison.Ordinal)).ToList();
        var inputs = LearningsDocument.Parse(repository.ToString()).Entries().Select(e => e.Line).Concat(runLearnings).ToHashSet();
        Assert.All(entries, e => Assert.Contains(e, inputs)); // never cut mid-entry
        Assert.All(related, r => Assert.Contains(r + "\n", text, StringComparison.Ordinal)); // the dependency's, however old
        Assert.Contains(unrelated[^1], text, StringComparison.Ordinal);
        Assert.DoesNotContain(unrelated[0], text, StringComparison.Ordinal);
        Assert.Contains("### run-60: intent", text, StringComparison.Ordinal);
        Assert.DoesNotContain("### run-01: intent", text, StringComparison.Ordinal);
        var keptRun = entries.Count(e => runLearnings.Contains(e));
        var keptRepository = entries.Count - keptRun;
        Assert.Contains($"({runLearnings.Count - keptRun} more, the oldest and least related to this task, are left out", text, StringComparison.Ordinal);
        Assert.Contains($"({120 - keptRepository} older ones are left out here; docs/otto-learnings.md has them all.)", text, StringComparison.Ordinal);
        // Each section had more than its half: both got a fair share.
        Assert.InRange(keptRepository, 20, 120);
        Assert.InRange(keptRun, 20, 152);
    }

    [Fact]
    public void A_huge_intent_is_kept_whole_and_learnings_still_get_their_minimum()
    {
        var intent = string.Join('\n', Enumerable.Range(1, 800).Select(i => $"Requirement {i}: {new string('q', 50)}")) + "\nTHE-END-OF-THE-SPEC";
        var learned = Enumerable.Range(1, 200).Select(i => $"- [db] fact {i:D3} {new string('d', 60)}").ToList();

        var text = AgentContext.Compose(Input(intent: intent, runLearnings: learned));

        Assert.Contains(intent, text, StringComparison.Ordinal);
        var learnings = text[text.IndexOf("## What earlier tasks", StringComparison.Ordinal)..];
        Assert.InRange(Encoding.UTF8.GetByteCount(learnings), AgentContext.MinLearningBytes / 2, AgentContext.MinLearningBytes + 512);
        Assert.Contains(learned[^1], learnings, StringComparison.Ordinal);
    }
}
