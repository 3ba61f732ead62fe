using Otto.Contracts;
using Otto.Scheduling;

namespace Otto.Replan;

/// <summary>Reads `.ai/decision.json` against its schema; every problem is one sentence naming the file.</summary>
public static class PilotAnswerReader
{
    public const string FileName = "decision.json";

    public static (PilotAnswer? Answer, string? Error) Read(string path)
    {
        var (json, error) = ContractFile.Read(path, ".ai/" + FileName);
        if (json is null) return (null, error);
        var problems = SchemaValidator.Validate("decision", json.ToJsonString());
        if (problems.Count > 0) return (null, $".ai/{FileName}: {string.Join("; ", problems)}");
        var action = Wire.ParseStrict<PilotAction>((string?)json["action"]);
        static string? Text(System.Text.Json.Nodes.JsonNode? node) => (string?)node is { Length: > 0 } text ? text.Trim() : null;
        return (new PilotAnswer(action, Text(json["task"]), Text(json["guidance"]), Text(json["reason"])), null);
    }
}
