using System.Text.Json;
using Otto.Runs;

namespace Otto.Agents;

/// <summary>
/// Reads one line of `codex exec --json` (checked against codex-cli 0.171.0): `thread.started` (thread
/// id), `turn.started`, `item.started`/`item.completed` (agent_message, command_execution, file_change,
/// mcp_tool_call, web_search, error items), `turn.completed` (usage: input_tokens, cached_input_tokens,
/// output_tokens, the thread's totals), `turn.failed` and top-level `error` events — which is also how
/// codex reports its own reconnects ("Reconnecting... 2/5 (...)", "Reconnecting... waiting for network
/// (...)"). Other JSON lines (reasoning, todo_list, item.updated) are activity; non-JSON lines are nothing.
/// </summary>
public static class CodexStreamParser
{
    public const string Completed = "turn.completed";
    public const string Failed = "turn.failed";

    public static IReadOnlyList<AgentStreamEvent> Parse(string line)
    {
        using var doc = JsonLine.TryParse(line);
        if (doc is null) return [];
        var root = doc.RootElement;
        return AgentStreamEvent.OrActivity(root.Str("type") switch
        {
            "thread.started" => [AgentStreamEvent.Session(root.Str("thread_id"), null)],
            "turn.started" => [AgentStreamEvent.Turn(null)],
            "item.started" when root.Obj("item") is { } item => Started(item),
            "item.completed" when root.Obj("item") is { } item => Finished(item),
            Completed => TurnCompleted(root),
            Failed => [new AgentStreamEvent(AgentStreamKind.Final)
            {
                Outcome = Failed, IsError = true, Text = root.Obj("error")?.Str("message") ?? "the turn failed",
            }],
            "error" => [AgentStreamEvent.Problem(root.Str("message") ?? "error", isError: true)],
            _ => [],
        });
    }

    private static List<AgentStreamEvent> Started(JsonElement item) => item.Str("type") switch
    {
        "command_execution" => [AgentStreamEvent.ToolCall(item.Str("id"), "shell", JsonLine.OneLine(item.Str("command") ?? ""))],
        "mcp_tool_call" => [AgentStreamEvent.ToolCall(item.Str("id"), $"{item.Str("server")}.{item.Str("tool")}", JsonLine.ToolInput(item.Get("arguments")))],
        "web_search" => [AgentStreamEvent.ToolCall(item.Str("id"), "web_search", JsonLine.OneLine(item.Str("query") ?? ""))],
        _ => [],
    };

    private static List<AgentStreamEvent> Finished(JsonElement item)
    {
        var id = item.Str("id");
        var status = item.Str("status");
        switch (item.Str("type"))
        {
            case "agent_message" when item.Str("text") is { Length: > 0 } text:
                return [AgentStreamEvent.Assistant(text)];
            case "command_execution":
                var code = item.Int("exit_code");
                var output = JsonLine.OneLine(item.Str("aggregated_output") ?? "");
                return [AgentStreamEvent.ToolResult(id, code is null ? output : $"exit {code}: {output}", status is "failed" or "declined" || code is not (null or 0))];
            case "file_change":
                // Codex emits a patch only once it is applied (or failed): call and result at once.
                var changes = string.Join(", ", item.Array("changes").Select(c => $"{c.Str("kind")} {c.Str("path")}"));
                return
                [
                    AgentStreamEvent.ToolCall(id, "apply_patch", changes),
                    AgentStreamEvent.ToolResult(id, status, status == "failed"),
                ];
            case "mcp_tool_call":
                var error = item.Obj("error")?.Str("message");
                return [AgentStreamEvent.ToolResult(id, error ?? JsonLine.Brief(item.Obj("result")?.Get("content")), error is not null || status == "failed")];
            case "web_search":
                return [AgentStreamEvent.ToolResult(id, "done", false)];
            case "error":
                return [AgentStreamEvent.Problem(item.Str("message") ?? "error", isError: false)];
            default:
                return [];
        }
    }

    private static List<AgentStreamEvent> TurnCompleted(JsonElement root)
    {
        var events = new List<AgentStreamEvent>();
        if (root.Obj("usage") is { } usage)
            events.Add(AgentStreamEvent.Usage(new TokenCounts(usage.Long("input_tokens") ?? 0, usage.Long("output_tokens") ?? 0, usage.Long("cached_input_tokens") ?? 0)));
        events.Add(new AgentStreamEvent(AgentStreamKind.Final) { Outcome = Completed });
        return events;
    }
}
