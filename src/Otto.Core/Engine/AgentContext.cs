using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Otto.Execution;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// The text of `.ai/context.md`, the file an agent finds through OTTO_CONTEXT_FILE: the run's intent (in
/// full, however long), the plan's summary, where the agent's task sits in the graph, and what earlier
/// tasks of this run learned. Agents are not given the run folder, so what they should know of it is here.
/// </summary>
public static class AgentContext
{
    public static string For(RunContext run, RunState state, string stage, string? taskId, int attempt)
    {
        var text = new StringBuilder();
        text.Append("# What this agent should know (written by otto, never committed)\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Run `{run.Info.RunId}`, stage `{stage}`");
        if (taskId is not null) text.Append(CultureInfo.InvariantCulture, $", task `{taskId}`, attempt {attempt}");
        text.Append(".\n\n## The intent\n\n").Append(run.Info.Intent.Trim()).Append("\n\n");

        if (PlanSummary(run, state) is { Length: > 0 } summary) text.Append("## The plan\n\n").Append(summary.Trim()).Append("\n\n");
        if (taskId is not null && state.Task(taskId) is { } task) Place(text, state, task);

        var learned = ContextFile.Read(run.Paths.Context);
        text.Append("## What earlier tasks of this run learned\n\n").Append(learned.Length > 0 ? learned : "(nothing yet)").Append('\n');
        return text.ToString();
    }

    /// <summary>Every task with its state, the agent's own marked, and what it depends on and what waits for it.</summary>
    private static void Place(StringBuilder text, RunState state, TaskState task)
    {
        text.Append("## This task's place\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Task `{task.Id}` ({task.Title}), role {task.Role}, branch `{task.Branch}`.\n");
        text.Append("Depends on: ").Append(task.DependsOn.Count == 0 ? "nothing" : string.Join(", ", task.DependsOn.Select(d => Named(state, d)))).Append(".\n");
        var dependents = state.Tasks.Where(t => t.DependsOn.Contains(task.Id)).Select(t => $"`{t.Id}`").ToList();
        text.Append("Waiting for it: ").Append(dependents.Count == 0 ? "no task" : string.Join(", ", dependents)).Append(".\n\n");
        text.Append("All tasks:\n\n");
        foreach (var other in state.Tasks)
        {
            var mark = other.Id == task.Id ? " (this task)" : "";
            text.Append(CultureInfo.InvariantCulture, $"- `{other.Id}` {other.Title}: {TaskView.StateOf(other, state)}{mark}\n");
        }
        text.Append('\n');
    }

    private static string Named(RunState state, string id) =>
        state.Task(id) is { } dependency ? $"`{id}` ({TaskView.StateOf(dependency, state)})" : $"`{id}`";

    private static string? PlanSummary(RunContext run, RunState state)
    {
        if (state.PlanVersion == 0) return null;
        try
        {
            return (string?)JsonNode.Parse(File.ReadAllText(run.Paths.Plan(state.PlanVersion)))?["summary"];
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
