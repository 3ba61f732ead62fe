using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Agents;

/// <summary>Reads result.json back, for an owner that continues an attempt another process ran.</summary>
public static class AttemptResultFile
{
    public static AgentOutcome? Read(AttemptFiles files)
    {
        if (!File.Exists(files.Result)) return null;
        if (JsonNode.Parse(File.ReadAllText(files.Result)) is not JsonObject o) return null;
        var tokens = o["tokens"] is JsonObject t ? new TokenCounts((long?)t["input"] ?? 0, (long?)t["output"] ?? 0, (long?)t["cached"] ?? 0) : null;
        var exit = new AgentExit((int?)o["exit_code"], (string?)o["killed_by"], TimeSpan.FromSeconds((double?)o["duration_s"] ?? 0),
            DateTimeOffset.TryParse((string?)o["last_output_at"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : default);
        var report = new AgentReport((string?)o["session_id"], (string?)o["model"], (int?)o["turns"], tokens, (decimal?)o["cost_usd"],
            (bool?)o["completed"] ?? false, (string?)o["failure_class"], (string?)o["error"]);
        return new AgentOutcome(exit, report, (string?)o["provider"] ?? "");
    }
}
