using System.Text.Json;
using Otto.Runs;

namespace Otto.Agents;

/// <summary>
/// Reads one line of `gemini -p --output-format stream-json` (checked against Gemini CLI 0.61.0):
/// `init` (session_id, model), `message` (assistant chunks; the echoed user prompt is only activity),
/// `tool_use`, `tool_result`, `error` (warning or error) and the closing `result` (status, error {type,
/// message}, stats: input_tokens with its cached part, output_tokens, and per model under `models`).
/// Other JSON lines are activity; non-JSON lines are nothing. Gemini prints its own API retries
/// ("Attempt N failed. Retrying with backoff...") to stderr, not to this stream.
/// </summary>
public static class GeminiStreamParser
{
    public static IReadOnlyList<AgentStreamEvent> Parse(string line)
    {
        using var doc = JsonLine.TryParse(line);
        if (doc is null) return [];
        var root = doc.RootElement;
        return AgentStreamEvent.OrActivity(root.Str("type") switch
        {
            "init" => [AgentStreamEvent.Session(root.Str("session_id"), root.Str("model"))],
            "message" when root.Str("role") == "assistant" && root.Str("content") is { Length: > 0 } text => [AgentStreamEvent.Assistant(text)],
            "tool_use" => [AgentStreamEvent.ToolCall(root.Str("tool_id"), root.Str("tool_name") ?? "tool", JsonLine.ToolInput(root.Get("parameters")))],
            "tool_result" => [AgentStreamEvent.ToolResult(root.Str("tool_id"),
                root.Obj("error")?.Str("message") ?? JsonLine.OneLine(root.Str("output") ?? ""), root.Str("status") == "error")],
            "error" => [AgentStreamEvent.Problem(root.Str("message") ?? "error", root.Str("severity") == "error")],
            "result" => Result(root),
            _ => [],
        });
    }

    private static List<AgentStreamEvent> Result(JsonElement root)
    {
        var events = new List<AgentStreamEvent>();
        if (root.Obj("stats") is { } stats)
        {
            var perModel = stats.Obj("models") is { } models
                ? models.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object).ToDictionary(m => m.Name, m => Tokens(m.Value))
                : null;
            events.Add(AgentStreamEvent.Usage(Tokens(stats)) with { ModelTokens = perModel is { Count: > 0 } ? perModel : null });
        }
        var status = root.Str("status") ?? "unknown";
        var error = root.Obj("error");
        events.Add(new AgentStreamEvent(AgentStreamKind.Final)
        {
            Outcome = status,
            IsError = status != "success",
            Text = error?.Str("message"),
            ErrorType = error?.Str("type"),
        });
        return events;
    }

    /// <summary>input_tokens is the whole prompt; `cached` is the part of it served from the cache.</summary>
    private static TokenCounts Tokens(JsonElement stats) =>
        new(stats.Long("input_tokens") ?? 0, stats.Long("output_tokens") ?? 0, stats.Long("cached") ?? 0);
}
