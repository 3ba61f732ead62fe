using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Agents;

/// <summary>
/// The built-in deterministic agent. For each attempt it compiles the scenario's step into a small sh
/// script in the attempt folder and runs that as a real child process, under the same wrapper, limits
/// and contracts as any other agent. Its last stdout line is a result event with cost and tokens.
/// </summary>
public sealed class ScriptedProvider(Scenario scenario) : IAgentProvider
{
    public const string ResultType = "otto_scripted_result";

    public string Name => "scripted";

    public AgentLaunch Prepare(AgentRequest request)
    {
        File.WriteAllText(request.Files.Script, Script(request));
        return new AgentLaunch(["sh", request.Files.Script], request.OttoEnvironment());
    }

    public AgentReport Read(AgentRequest request, AgentExit exit)
    {
        var result = LastResultLine(request.Files.Stdout);
        if (result is null)
            return AgentReport.Plain(false, FailureClasses.Deterministic,
                exit.KilledBy is null ? "the scripted agent ended without its result line" + CommandProvider.StderrTail(request.Files) : null);
        var tokens = result["tokens"] is JsonObject t
            ? new TokenCounts((long?)t["input"] ?? 0, (long?)t["output"] ?? 0, (long?)t["cached"] ?? 0)
            : null;
        var failed = exit.ExitCode is not 0;
        return new AgentReport(null, "scripted", 1, tokens, (decimal?)result["cost_usd"], true,
            failed ? FailureClasses.Deterministic : null,
            failed ? $"the scripted agent exited with code {exit.ExitCode}" + CommandProvider.StderrTail(request.Files) : null);
    }

    private string Script(AgentRequest request)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/sh\n");
        text.Append(CultureInfo.InvariantCulture, $"# scripted agent: stage {request.Stage}, task {request.TaskId ?? "-"}, attempt {request.Attempt}\n");
        text.Append("cd \"$OTTO_WORKTREE\" || exit 97\n");
        switch (request.Stage)
        {
            case "classify":
                WriteFile(text, "\"$OTTO_OUTPUT_FILE\"", Scenario.Pick(scenario.Classification, request.Attempt).ToJsonString());
                break;
            case "plan":
                WriteFile(text, "\"$OTTO_OUTPUT_FILE\"", Scenario.Pick(scenario.Plan, request.Attempt).ToJsonString());
                break;
            case "review":
                WriteFile(text, "\"$OTTO_OUTPUT_FILE\"", (scenario.Review.Count == 0 ? Scenario.DefaultReview : Scenario.Pick(scenario.Review, request.Attempt)).ToJsonString());
                break;
            case "replan" or "pilot":
                var answers = request.Stage == "replan" ? scenario.Replan : scenario.Decisions;
                if (answers.Count == 0)
                {
                    var key = request.Stage == "replan" ? "replan" : "decisions";
                    text.Append(CultureInfo.InvariantCulture, $"echo {Quote($"the scenario has no `{key}` answers")} >&2\n");
                    WriteResult(text, null);
                    text.Append("exit 3\n");
                    return text.ToString();
                }
                WriteFile(text, "\"$OTTO_OUTPUT_FILE\"", Scenario.Pick(answers, request.Attempt).ToJsonString());
                break;
            default:
                if (request.TaskId is null || !scenario.Tasks.TryGetValue(request.TaskId, out var steps))
                {
                    text.Append(CultureInfo.InvariantCulture, $"echo {Quote($"the scenario has no steps for task {request.TaskId}")} >&2\n");
                    WriteResult(text, null);
                    text.Append("exit 3\n");
                    return text.ToString();
                }
                TaskStep(text, Scenario.Pick(steps, request.Attempt));
                return text.ToString();
        }
        WriteResult(text, null);
        return text.ToString();
    }

    private static void TaskStep(StringBuilder text, ScenarioStep step)
    {
        if (step.Hang)
        {
            text.Append("while :; do sleep 1; done\n");
            return;
        }
        var pause = step.Sleep / Math.Max(1, step.Output.Count);
        foreach (var line in step.Output)
        {
            text.Append(CultureInfo.InvariantCulture, $"printf '%s\\n' {Quote(line)}\n");
            if (pause > 0) text.Append(CultureInfo.InvariantCulture, $"sleep {pause.ToString("0.###", CultureInfo.InvariantCulture)}\n");
        }
        if (step.Output.Count == 0 && step.Sleep > 0) text.Append(CultureInfo.InvariantCulture, $"sleep {step.Sleep.ToString("0.###", CultureInfo.InvariantCulture)}\n");
        foreach (var line in step.Stderr) text.Append(CultureInfo.InvariantCulture, $"printf '%s\\n' {Quote(line)} >&2\n");
        foreach (var path in step.Delete) text.Append(CultureInfo.InvariantCulture, $"rm -rf -- {Quote(path)}\n");
        foreach (var (path, content) in step.Files) WriteFile(text, Quote(path), content);
        foreach (var command in step.Run)
            text.Append(CultureInfo.InvariantCulture, $"sh -c {Quote(command)} || echo {Quote($"scripted agent: `{command}` failed")} >&2\n");
        var statusTarget = step.StatusPath is null ? "\"$OTTO_STATUS_FILE\"" : Quote(step.StatusPath);
        if (step.StatusRaw is not null) WriteFile(text, statusTarget, step.StatusRaw);
        else if (step.Status is not null) WriteFile(text, statusTarget, step.Status.ToJsonString());
        WriteResult(text, step);
        text.Append(CultureInfo.InvariantCulture, $"exit {step.Exit}\n");
    }

    /// <summary>The result line. The scripted agent is otto's own stand-in and calls no model: a step that
    /// names no `cost_usd` or `tokens` truly spent nothing, so it reports 0, not unknown.</summary>
    private static void WriteResult(StringBuilder text, ScenarioStep? step)
    {
        var result = new JsonObject { ["type"] = ResultType, ["cost_usd"] = step?.CostUsd ?? 0m };
        var t = step?.Tokens ?? new TokenCounts();
        result["tokens"] = new JsonObject { ["input"] = t.Input, ["output"] = t.Output, ["cached"] = t.Cached };
        text.Append(CultureInfo.InvariantCulture, $"printf '%s\\n' {Quote(result.ToJsonString())}\n");
    }

    /// <summary>Writes a file, making its folder when missing, with shell builtins where it can: `dirname` and an
    /// unneeded `mkdir` were two or three processes per file, a visible part of a short task's overhead.</summary>
    private static void WriteFile(StringBuilder text, string target, string content)
    {
        text.Append(CultureInfo.InvariantCulture, $"f={target}\n");
        text.Append(CultureInfo.InvariantCulture, $"case $f in */*) [ -d \"${{f%/*}}\" ] || mkdir -p \"${{f%/*}}/\" ;; esac && printf '%s' {Quote(content)} > \"$f\"\n");
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The last result line, read forward so that memory stays flat however long stdout is.</summary>
    private static JsonObject? LastResultLine(string stdoutPath)
    {
        if (!File.Exists(stdoutPath)) return null;
        JsonObject? last = null;
        foreach (var line in File.ReadLines(stdoutPath))
        {
            if (!line.Contains(ResultType, StringComparison.Ordinal)) continue;
            try
            {
                if (JsonNode.Parse(line) is JsonObject o && (string?)o["type"] == ResultType) last = o;
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }
        return last;
    }
}
