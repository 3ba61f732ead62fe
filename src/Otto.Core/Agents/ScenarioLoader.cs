using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Config;
using Otto.Runs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Otto.Agents;

/// <summary>Parses a scenario file; every problem is an error naming file, line and column.</summary>
public static class ScenarioLoader
{
    private static readonly HashSet<string> TopKeys = ["classification", "plan", "tasks", "decisions", "review"];

    private static readonly HashSet<string> StepKeys =
        ["files", "delete", "run", "output", "stderr", "sleep", "hang", "exit", "status", "status_raw", "status_path", "cost_usd", "tokens"];

    public static Scenario Load(string path, string displayName)
    {
        if (!File.Exists(path)) throw new OttoException($"{displayName}: the scenario file does not exist");
        return Parse(File.ReadAllText(path), displayName);
    }

    public static Scenario Parse(string text, string file)
    {
        var stream = YamlSyntax.Load(text, file, _ => "the scenario is not valid YAML");
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException(file, 1, 1, "the scenario must be a mapping with at least `plan`");

        JsonObject? classification = null;
        IReadOnlyList<JsonObject>? classifications = null;
        IReadOnlyList<JsonObject>? plans = null;
        var tasks = new Dictionary<string, IReadOnlyList<ScenarioStep>>(StringComparer.Ordinal);
        JsonObject? decisions = null;
        IReadOnlyList<JsonObject>? reviews = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            switch (key)
            {
                case "classification":
                    classifications = Answers(file, value, key);
                    break;
                case "plan":
                    plans = Answers(file, value, key);
                    break;
                case "tasks":
                    if (value is not YamlMappingNode taskMap) throw Error(file, value, "`tasks` must map task ids to lists of attempts");
                    foreach (var (idNode, steps) in taskMap.Children)
                    {
                        var id = ((YamlScalarNode)idNode).Value ?? "";
                        var list = steps is YamlSequenceNode seq ? seq.Children.ToList() : [steps];
                        if (list.Count == 0) throw Error(file, steps, $"`tasks.{id}` must list at least one attempt");
                        tasks[id] = list.Select((s, i) => Step(file, s, $"tasks.{id}[{i}]")).ToList();
                    }
                    break;
                case "review":
                    reviews = Answers(file, value, key);
                    break;
                case "decisions":
                    decisions = YamlJson.ToJson(value) as JsonObject;
                    break;
                default:
                    throw Error(file, keyNode, $"unknown key `{key}` (expected one of {string.Join(", ", TopKeys)})");
            }
        }
        if (plans is null) throw Error(file, root, "the scenario has no `plan`");
        classification = Scenario.DefaultClassification;
        return new Scenario(classifications ?? [classification], plans, tasks, decisions) { Review = reviews ?? [] };
    }

    /// <summary>One answer object, or a list of them (one per attempt).</summary>
    private static IReadOnlyList<JsonObject> Answers(string file, YamlNode node, string key)
    {
        var nodes = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        if (nodes.Count == 0) throw Error(file, node, $"`{key}` must not be an empty list");
        return nodes.Select(n => YamlJson.ToJson(n) as JsonObject ?? throw Error(file, n, $"`{key}` must be a mapping (or a list of mappings, one per attempt)")).ToList();
    }

    private static ScenarioStep Step(string file, YamlNode node, string where)
    {
        if (node is not YamlMappingNode map) throw Error(file, node, $"`{where}` must be a mapping of step keys");
        var step = new ScenarioStep();
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!StepKeys.Contains(key))
                throw Error(file, keyNode, $"unknown key `{key}` in `{where}` (expected one of {string.Join(", ", StepKeys.Order(StringComparer.Ordinal))})");
            var json = YamlJson.ToJson(value);
            try
            {
                step = key switch
                {
                    "files" => step with { Files = ((JsonObject)json!).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "") },
                    "delete" => step with { Delete = Strings(json) },
                    "run" => step with { Run = Strings(json) },
                    "output" => step with { Output = Strings(json) },
                    "stderr" => step with { Stderr = Strings(json) },
                    "sleep" => step with { Sleep = double.Parse(json!.ToString(), CultureInfo.InvariantCulture) },
                    "hang" => step with { Hang = json!.GetValue<bool>() },
                    "exit" => step with { Exit = (int)json!.GetValue<long>() },
                    "status" => step with { Status = (JsonObject)json! },
                    "status_raw" => step with { StatusRaw = json?.ToString() ?? "" },
                    "status_path" => step with { StatusPath = json!.GetValue<string>() },
                    "cost_usd" => step with { CostUsd = decimal.Parse(json!.ToString(), CultureInfo.InvariantCulture) },
                    "tokens" => step with { Tokens = Tokens((JsonObject)json!) },
                    _ => step,
                };
            }
            catch (Exception e) when (e is InvalidCastException or InvalidOperationException or FormatException or NullReferenceException)
            {
                throw Error(file, value, $"`{where}.{key}` has the wrong type");
            }
        }
        return step;
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => n?.ToString() ?? "").ToList(),
        _ => [node.ToString()],
    };

    private static TokenCounts Tokens(JsonObject o) =>
        new((long?)o["input"] ?? 0, (long?)o["output"] ?? 0, (long?)o["cached"] ?? 0);

    private static ConfigException Error(string file, YamlNode node, string message) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, message);
}
