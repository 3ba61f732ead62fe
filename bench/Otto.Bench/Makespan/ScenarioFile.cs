using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Bench.Makespan;

/// <summary>
/// The scripted agent's scenario for a <see cref="WorkGraph"/> (written as JSON, which is YAML too): the
/// plan with every task's dependencies and its one owned file, and per task one attempt that sleeps for
/// the task's duration, writes its file and reports success. Plus the otto.yaml that runs it.
/// </summary>
public static class ScenarioFile
{
    public const string Name = "bench-scenario.yaml";

    public static string Scenario(WorkGraph graph)
    {
        var plan = new JsonObject
        {
            ["summary"] = $"{graph.Tasks.Count} tasks in {graph.Layers} layers, at most {graph.MaxWidth} side by side",
            ["tasks"] = new JsonArray(graph.Tasks.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["title"] = $"Task {t.Id}",
                ["description"] = $"Write {t.OwnedFile}.",
                ["role"] = t.Layer == 0 ? "foundation" : "feature",
                ["depends_on"] = new JsonArray(t.DependsOn.Select(d => (JsonNode)d).ToArray()),
                ["owned_paths"] = new JsonArray(t.OwnedFile),
                ["acceptance"] = new JsonArray($"{t.OwnedFile} exists"),
            }).ToArray()),
        };
        var tasks = new JsonObject();
        foreach (var task in graph.Tasks)
        {
            tasks[task.Id] = new JsonArray(new JsonObject
            {
                ["sleep"] = task.SleepS,
                ["files"] = new JsonObject { [task.OwnedFile] = string.Create(CultureInfo.InvariantCulture, $"{task.Id} slept {task.SleepS} s\n") },
                ["status"] = new JsonObject { ["outcome"] = "success", ["summary"] = $"wrote {task.OwnedFile}" },
                ["cost_usd"] = 0.01,
            });
        }
        var scenario = new JsonObject
        {
            ["classification"] = new JsonObject { ["kind"] = "feature", ["size"] = "large", ["single_task"] = false, ["rationale"] = "benchmark" },
            ["plan"] = plan,
            ["tasks"] = tasks,
        };
        return "# otto-bench makespan scenario (JSON is YAML)\n" + scenario.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static string OttoYaml(int maxTasks, string verify = "true") => $"""
        # otto-bench makespan: the scripted agent plays every role; verification is trivial.
        agent:
          provider: scripted
          scenario: {Name}
        concurrency: 4
        verify:
          commands:
            - run: "{verify}"
              timeout: 1m
        limits:
          max_tasks: {maxTasks}
          attempt_timeout: 5m
          stall_timeout: 2m
          max_attempts: 1

        """;
}
