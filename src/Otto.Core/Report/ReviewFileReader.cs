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
            [.. findings.OrderBy(f => SeverityRank(f.Severity))]);
    }

    /// <summary>blocker, major, minor, nit: most severe first.</summary>
    public static int SeverityRank(string severity) => severity switch
    {
        "blocker" => 0,
        "major" => 1,
        "minor" => 2,
        "nit" => 3,
        _ => 4,
    };

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
