using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Platform;
using Otto.Runs;
using Otto.Secrets;

namespace Otto.Report;

/// <summary>Reads an attempt folder's result.json, status.json and verify logs (the ends of them), redacted.</summary>
public sealed class AttemptFolderReader(Redactor redactor)
{
    /// <summary>How much of each verify log a report keeps: the end, where the failure is.</summary>
    public const int LogBytes = 32 * 1024;

    public AttemptFolder Read(string dir)
    {
        var files = new AttemptFiles(dir);
        var result = Json(files.Result);
        var status = Json(files.Status);
        var tokens = result?["tokens"] is JsonObject t ? new TokenCounts((long?)t["input"] ?? 0, (long?)t["output"] ?? 0, (long?)t["cached"] ?? 0) : null;
        return new AttemptFolder(
            Text(status?["summary"]),
            Text(status?["outcome"]),
            result?["cost_usd"] is JsonValue c && c.TryGetValue<decimal>(out var cost) ? cost : null,
            tokens,
            Number(result?["duration_s"]),
            Text(result?["model"]),
            Text(result?["provider"]),
            VerifyLogs(dir));
    }

    public string? BaseCommit(string dir)
    {
        var file = Path.Combine(dir, "base_commit");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    private List<LogText> VerifyLogs(string dir) => !Directory.Exists(dir)
        ? []
        : [.. Directory.GetFiles(dir, "verify-*.log").OrderBy(LogNumber).Select(path =>
        {
            var (text, cut) = FileTail.Read(path, LogBytes);
            return new LogText(Path.GetFileName(path), redactor.Redact(text), cut);
        })];

    private static int LogNumber(string path) =>
        int.TryParse(Path.GetFileNameWithoutExtension(path)["verify-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    private string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? redactor.Redact(s) : null;

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static JsonObject? Json(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
        }
        catch (JsonException)
        {
            return null; // a torn or foreign file: the report shows the attempt without it
        }
    }
}
