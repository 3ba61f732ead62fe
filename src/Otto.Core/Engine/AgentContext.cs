using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Otto.Execution;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// The text of `.ai/context.md`, the file an agent finds through OTTO_CONTEXT_FILE (written into every
/// worktree before its agent starts: task attempts and the planner's stages; never committed). It holds the
/// run's intent in full, the plan's summary, the task's place in the graph (what it depends on, what waits
/// for it, which tasks run beside it now and where), the contracts it uses, what earlier tasks of this run
/// learned and what the repository learned in earlier runs. Agents are not given the run folder, so what
/// they should know of it is here.
/// Bounded: the intent, plan and place are always whole (prompts send agents here for the whole intent);
/// the learnings fill what is left of <see cref="MaxBytes"/>, at least <see cref="MinLearningBytes"/>, whole
/// entries only (<see cref="ContextLearnings"/>).
/// </summary>
public static class AgentContext
{
    public const int MaxBytes = 16_384;
    public const int MinLearningBytes = 4_096;

    /// <summary>Room for the learnings sections' titles and notes, which are not entries.</summary>
    private const int NotesBytes = 512;

    public static string For(RunContext run, RunState state, string stage, string? taskId, int attempt)
    {
        var (summary, contracts) = PlanFacts(run, state);
        var (repository, source) = Learnings.Read(run);
        return Compose(new ContextInput(run.Info.RunId, run.Info.Intent, stage, taskId, attempt, state, summary, contracts,
            run.TaskWorktree, Learnings.OfRun(run.Paths), repository, source));
    }

    public static string Compose(ContextInput input)
    {
        var text = new StringBuilder();
        text.Append("# What this agent should know (written by otto, never committed)\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Run `{input.RunId}`, stage `{input.Stage}`");
        if (input.TaskId is not null) text.Append(CultureInfo.InvariantCulture, $", task `{input.TaskId}`, attempt {input.Attempt}");
        text.Append(".\n\n## The intent\n\n").Append(input.Intent.Trim()).Append("\n\n");
        if (input.PlanSummary is { Length: > 0 } summary) text.Append("## The plan\n\n").Append(summary.Trim()).Append("\n\n");

        var related = new HashSet<string>(StringComparer.Ordinal);
        if (input.TaskId is not null && input.State.Task(input.TaskId) is { } task)
        {
            related = Dependencies(input.State, task);
            Place(text, input, task);
            Contracts(text, input, task, related);
            related.Add(task.Id);
        }
        var budget = Math.Max(MinLearningBytes, MaxBytes - Encoding.UTF8.GetByteCount(text.ToString()) - NotesBytes);
        text.Append(ContextLearnings.Render(input.RunLearnings, related, LearningsDocument.Parse(input.RepositoryLearnings), input.RepositorySource, budget));
        return text.ToString();
    }

    /// <summary>Its branch and paths, its neighbours in the graph, the tasks running beside it, and every task's state.</summary>
    private static void Place(StringBuilder text, ContextInput input, TaskState task)
    {
        var state = input.State;
        text.Append("## This task's place\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Task `{task.Id}` ({task.Title}), role {task.Role.Name()}, branch `{task.Branch}`, owns {Paths(task)}.\n");
        text.Append("Depends on: ").Append(task.DependsOn.Count == 0 ? "nothing" : string.Join(", ", task.DependsOn.Select(d => Named(state, d)))).Append(".\n");
        var dependents = state.Tasks.Where(t => t.DependsOn.Contains(task.Id)).Select(t => $"`{t.Id}`").ToList();
        text.Append("Waiting for it: ").Append(dependents.Count == 0 ? "no task" : string.Join(", ", dependents)).Append(".\n\n");

        var beside = state.Tasks.Where(t => t.Id != task.Id && t.Claim is not null).ToList();
        if (beside.Count == 0) text.Append("No other task is running now.\n\n");
        else text.Append("Running now beside it (each in its own worktree; leave what they own to them):\n\n");
        foreach (var other in beside)
            text.Append(CultureInfo.InvariantCulture, $"- `{other.Id}` ({other.Title}): owns {Paths(other)}; worktree `{input.WorktreeOf(other.Id)}`\n");
        if (beside.Count > 0) text.Append('\n');

        text.Append("All tasks:\n\n");
        foreach (var other in state.Tasks)
        {
            var mark = other.Id == task.Id ? " (this task)" : "";
            text.Append(CultureInfo.InvariantCulture, $"- `{other.Id}` {other.Title}: {TaskView.StateOf(other, state)}{mark}\n");
        }
        text.Append('\n');
    }

    /// <summary>The plan's contracts this task provides or builds on (owned by a task it depends on).</summary>
    private static void Contracts(StringBuilder text, ContextInput input, TaskState task, IReadOnlySet<string> dependencies)
    {
        if (input.Contracts.Count == 0) return;
        text.Append("## Contracts it uses\n\n");
        var used = input.Contracts.Where(c => c.Owner == task.Id || dependencies.Contains(c.Owner)).ToList();
        if (used.Count == 0) text.Append("None of the plan's contracts belongs to this task or to a task it depends on.\n");
        foreach (var contract in used)
        {
            text.Append(contract.Owner == task.Id
                ? $"- `{contract.Path}`: this task provides it; tasks that depend on it build on it\n"
                : $"- `{contract.Path}`: provided by {Named(input.State, contract.Owner)}; this task builds on it and does not change it\n");
        }
        text.Append('\n');
    }

    /// <summary>Every task this one depends on, directly or through others.</summary>
    private static HashSet<string> Dependencies(RunState state, TaskState task)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(task.DependsOn);
        while (next.TryPop(out var id))
        {
            if (!found.Add(id)) continue;
            foreach (var further in state.Task(id)?.DependsOn ?? []) next.Push(further);
        }
        return found;
    }

    private static string Paths(TaskState task) =>
        task.OwnedPaths.Count == 0 ? "no paths" : string.Join(", ", task.OwnedPaths.Select(p => $"`{p}`"));

    private static string Named(RunState state, string id) =>
        state.Task(id) is { } dependency ? $"`{id}` ({TaskView.StateOf(dependency, state)})" : $"`{id}`";

    /// <summary>The accepted plan's summary and contracts (plan-vN.json), when there is a plan.</summary>
    private static (string? Summary, IReadOnlyList<PlannedContract> Contracts) PlanFacts(RunContext run, RunState state)
    {
        if (state.PlanVersion == 0) return (null, []);
        try
        {
            var plan = JsonNode.Parse(File.ReadAllText(run.Paths.Plan(state.PlanVersion)));
            var contracts = (plan?["contracts"] as JsonArray ?? [])
                .Select(c => (Path: (string?)c?["path"], Owner: (string?)c?["owner"]))
                .Where(c => c.Path is not null && c.Owner is not null)
                .Select(c => new PlannedContract(c.Path!, c.Owner!)).ToList();
            return ((string?)plan?["summary"], contracts);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return (null, []);
        }
    }
}

/// <summary>Everything <see cref="AgentContext.Compose"/> needs, gathered by <see cref="AgentContext.For"/>.</summary>
/// <param name="WorktreeOf">Where a task's worktree is.</param>
/// <param name="RunLearnings">This run's learnings so far, each `- [task] text`.</param>
/// <param name="RepositoryLearnings">The repository's learnings file; <paramref name="RepositorySource"/> names it.</param>
public sealed record ContextInput(
    string RunId, string Intent, string Stage, string? TaskId, int Attempt, RunState State, string? PlanSummary,
    IReadOnlyList<PlannedContract> Contracts, Func<string, string> WorktreeOf, IReadOnlyList<string> RunLearnings,
    string RepositoryLearnings, string RepositorySource);
