using System.Text.Json;

namespace Otto.Bench.Stream;

/// <summary>
/// The baseline: System.Text.Json's JsonDocument per line, reading what any Claude stream parser must
/// (type, session, text and tool_use blocks, tool results, the final cost and usage) into a running
/// summary. Roughly the least work a DOM-based parser can do; the real parser is compared with it.
/// </summary>
public sealed class BaselineStreamParser : IStreamLineParser
{
    public string Name => "baseline (JsonDocument per line)";

    public string? SessionId { get; private set; }

    public int Turns { get; private set; }

    public int ToolCalls { get; private set; }

    public int ToolResults { get; private set; }

    public long TextChars { get; private set; }

    public decimal CostUsd { get; private set; }

    public long OutputTokens { get; private set; }

    public int Parse(string line)
    {
        if (line.Length == 0 || line[0] != '{') return 0;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return 0;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("type", out var type)) return 0;
            switch (type.GetString())
            {
                case "system":
                    SessionId = root.TryGetProperty("session_id", out var s) ? s.GetString() : SessionId;
                    return 1;
                case "assistant":
                    Turns++;
                    return 1 + Blocks(root, "text", "tool_use");
                case "user":
                    return Blocks(root, "tool_result");
                case "result":
                    if (root.TryGetProperty("total_cost_usd", out var cost) && cost.ValueKind == JsonValueKind.Number) CostUsd += cost.GetDecimal();
                    if (root.TryGetProperty("usage", out var usage) && usage.TryGetProperty("output_tokens", out var output)) OutputTokens += output.GetInt64();
                    return 1;
                default:
                    return 0;
            }
        }
    }

    private int Blocks(JsonElement root, params string[] kinds)
    {
        if (!root.TryGetProperty("message", out var message) || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array) return 0;
        var count = 0;
        foreach (var block in content.EnumerateArray())
        {
            var kind = block.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (kind is null || !kinds.Contains(kind)) continue;
            count++;
            switch (kind)
            {
                case "text":
                    TextChars += block.GetProperty("text").GetString()?.Length ?? 0;
                    break;
                case "tool_use":
                    ToolCalls++;
                    break;
                case "tool_result":
                    ToolResults++;
                    break;
            }
        }
        return count;
    }
}
