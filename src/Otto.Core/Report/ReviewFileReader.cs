using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Secrets;

namespace Otto.Report;

/// <summary>Reads `review.json` from the run folder (the reviewer's answer, contracts.md), redacted.</summary>
public static class ReviewFileReader
{
    public const string FileName = "review.json";

    /// <returns>Null when the run has no review; a review that cannot be read is an error naming the file.</returns>
    public static ReviewFile? Read(string runDir, Redactor redactor)
    {
        var path = Path.Combine(runDir, FileName);
        if (!File.Exists(path)) return null;
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new OttoException($"{path} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new OttoException($"{path} is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        var findings = (json["findings"] as JsonArray ?? []).OfType<JsonObject>().Select(f => new ReviewFinding(
            redactor.Redact(Str(f["path"]) ?? ""),
            f["line"] is JsonValue v && v.TryGetValue<int>(out var line) ? line : null,
            Str(f["severity"]) ?? "minor",
            redactor.Redact(Str(f["message"]) ?? ""),
            Str(f["task"])));
        return new ReviewFile(Str(json["verdict"]) ?? "unknown", Str(json["summary"]) is { } summary ? redactor.Redact(summary) : null,
            [.. findings.OrderBy(f => Scheduling.FindingRouter.SeverityRank(f.Severity))]);
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
