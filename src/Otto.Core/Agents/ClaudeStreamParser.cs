using System.Globalization;
using System.Text.Json;
using Otto.Runs;

namespace Otto.Agents;

/// <summary>
/// Reads one line of `claude -p --output-format stream-json --verbose` (checked against Claude Code
/// 2.1.197's SDK schema): the `system`/`init` event (session id, model), `system`/`api_retry` (a failed
/// API request it will retry: attempt, max_retries, error_status — null for a connection error with no
/// HTTP response — and error), `assistant` messages (text and tool_use blocks, and the `error` field of
/// the message Claude writes for a failed request: authentication_failed, billing_error, rate_limit,
/// overloaded, server_error ...), `user` messages carrying tool_result blocks, and the closing `result`
/// event (subtype, is_error, api_error_status, num_turns, total_cost_usd, usage). Other JSON lines are
/// activity; lines that are not JSON read as nothing.
/// </summary>
public static class ClaudeStreamParser
{
    public static IReadOnlyList<AgentStreamEvent> Parse(string line)
    {
        using var doc = JsonLine.TryParse(line);
        if (doc is null) return [];
        var root = doc.RootElement;
        return AgentStreamEvent.OrActivity(root.Str("type") switch
        {
            "system" when root.Str("subtype") == "init" => [AgentStreamEvent.Session(root.Str("session_id"), root.Str("model"))],
            "system" when root.Str("subtype") == "api_retry" => [Retry(root)],
            "assistant" => Assistant(root),
            "user" => ToolResults(root),
            "result" => Result(root),
            _ => [],
        });
    }

    /// <summary>Claude retries a failed request itself; error_status is null when no HTTP response came (a connection error).</summary>
    private static AgentStreamEvent Retry(JsonElement root)
    {
        var status = root.Int("error_status");
        var error = root.Str("error");
        var why = status is { } s ? string.Create(CultureInfo.InvariantCulture, $"HTTP {s}") : "connection error, no HTTP response";
        if (error is { Length: > 0 } && error != "unknown") why += $", {error}";
        var text = string.Create(CultureInfo.InvariantCulture, $"API request failed ({why}); retrying, attempt {root.Int("attempt")?.ToString(CultureInfo.InvariantCulture) ?? "?"} of {root.Int("max_retries")?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
        return AgentStreamEvent.Problem(text, isError: false) with { ErrorType = error, HttpStatus = status };
    }

    private static List<AgentStreamEvent> Assistant(JsonElement root)
    {
        var message = root.Obj("message");
        var events = new List<AgentStreamEvent>();
        // Sub-agent (Task tool) messages are shown but are not turns of the session itself.
        if (root.Str("parent_tool_use_id") is null) events.Add(AgentStreamEvent.Turn(message?.Str("id")) with { Model = message?.Str("model") });
        if (message is not { } m) return events;
        var texts = new List<string>();
        foreach (var block in m.Array("content"))
        {
            switch (block.Str("type"))
            {
                case "text" when block.Str("text") is { Length: > 0 } text:
                    events.Add(AgentStreamEvent.Assistant(text));
                    texts.Add(text);
                    break;
                case "tool_use":
                    events.Add(AgentStreamEvent.ToolCall(block.Str("id"), block.Str("name") ?? "tool", JsonLine.ToolInput(block.Get("input"))));
                    break;
            }
        }
        // A failed API request reaches the stream as an assistant message whose `error` names the kind.
        if (root.Str("error") is { Length: > 0 } error)
            events.Add(AgentStreamEvent.Problem(texts.Count > 0 ? string.Join("\n", texts) : error, isError: true) with { ErrorType = error });
        return events;
    }

    private static List<AgentStreamEvent> ToolResults(JsonElement root)
    {
        var events = new List<AgentStreamEvent>();
        if (root.Obj("message") is not { } message) return events;
        foreach (var block in message.Array("content"))
        {
            if (block.Str("type") != "tool_result") continue;
            events.Add(AgentStreamEvent.ToolResult(block.Str("tool_use_id"), ResultText(block.Get("content")), block.Bool("is_error")));
        }
        return events;
    }

    /// <summary>tool_result content is a string or a list of content blocks.</summary>
    private static string ResultText(JsonElement? content)
    {
        if (content is { ValueKind: JsonValueKind.Array } blocks)
            return JsonLine.OneLine(string.Join(' ', blocks.EnumerateArray().Select(b => b.Str("text")).OfType<string>()));
        return JsonLine.Brief(content);
    }

    private static List<AgentStreamEvent> Result(JsonElement root)
    {
        var events = new List<AgentStreamEvent>();
        if (root.Obj("usage") is { } usage) events.Add(AgentStreamEvent.Usage(Tokens(usage)));
        var errors = root.Array("errors").Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : JsonLine.Brief(e)).OfType<string>().ToList();
        var text = root.Str("result") is { Length: > 0 } result ? result : errors.Count > 0 ? string.Join("; ", errors) : null;
        var subtype = root.Str("subtype") ?? "unknown";
        events.Add(new AgentStreamEvent(AgentStreamKind.Final)
        {
            Id = root.Str("session_id"),
            Outcome = subtype,
            IsError = root.Bool("is_error") || subtype != "success",
            Text = text,
            CostUsd = root.Decimal("total_cost_usd"),
            Turns = root.Int("num_turns"),
            HttpStatus = root.Int("api_error_status"),
        });
        return events;
    }

    /// <summary>
    /// Claude counts cache writes and cache reads apart from input_tokens; otto's input is all of them
    /// together, of which cached is the part read from the cache.
    /// </summary>
    private static TokenCounts Tokens(JsonElement usage)
    {
        var cacheRead = usage.Long("cache_read_input_tokens") ?? 0;
        var input = (usage.Long("input_tokens") ?? 0) + (usage.Long("cache_creation_input_tokens") ?? 0) + cacheRead;
        return new TokenCounts(input, usage.Long("output_tokens") ?? 0, cacheRead);
    }
}
