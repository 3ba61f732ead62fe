using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Bench.Stream;

/// <summary>
/// Seeded lines shaped like `claude -p --output-format stream-json --verbose`: sessions of a system/init
/// line, assistant messages (text or tool_use, with usage), user messages carrying tool_result (mostly
/// short, sometimes whole files), and a closing result line with total_cost_usd, usage and modelUsage.
/// Knows what it wrote, so a parser's totals can be checked.
/// </summary>
public sealed class ClaudeStreamGenerator(int seed)
{
    private const string Model = "claude-sonnet-4-5-20250929";
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Tools = ["Read", "Edit", "Bash", "Grep", "Glob", "Write", "TodoWrite"];
    private static readonly string[] Words =
        "the a test file function returns value error build passes fails module parser stream config update handler request response because then now I will check".Split(' ');

    private readonly Random _random = new(seed);

    public decimal TotalCostUsd { get; private set; }

    public int Sessions { get; private set; }

    public int AssistantLines { get; private set; }

    public IEnumerable<string> Lines(int count)
    {
        var written = 0;
        while (written < count)
        {
            var session = Guid.NewGuid().ToString();
            var length = Math.Min(count - written, _random.Next(150, 900));
            if (length < 3)
            {
                for (var i = 0; i < length; i++, written++) yield return Init(session);
                break;
            }
            Sessions++;
            yield return Init(session);
            var pending = new Queue<string>();
            for (var i = 1; i < length - 1; i++)
            {
                if (pending.Count > 0 && _random.Next(3) > 0) yield return ToolResult(session, pending.Dequeue());
                else if (_random.Next(3) == 0) yield return Assistant(session, Text(_random.Next(8, 120)), null);
                else
                {
                    var id = "toolu_01" + Token(22);
                    pending.Enqueue(id);
                    yield return Assistant(session, null, id);
                }
            }
            yield return Result(session);
            written += length;
        }
    }

    private string Init(string session) => Json(new JsonObject
    {
        ["type"] = "system", ["subtype"] = "init", ["cwd"] = "/home/dev/.local/state/otto/worktrees/app-1a2b3c4d/20260101-120000-abcd/api",
        ["session_id"] = session,
        ["tools"] = new JsonArray([.. Tools.Concat(["Task", "WebFetch", "WebSearch", "NotebookEdit", "BashOutput", "KillShell", "SlashCommand", "ExitPlanMode"]).Select(t => (JsonNode)t)]),
        ["mcp_servers"] = new JsonArray(), ["model"] = Model, ["permissionMode"] = "acceptEdits",
        ["slash_commands"] = new JsonArray("compact", "context", "cost", "init", "pr-comments", "release-notes", "todos", "review", "security-review"),
        ["apiKeySource"] = "none", ["claude_code_version"] = "2.0.37", ["output_style"] = "default",
        ["agents"] = new JsonArray("general-purpose", "statusline-setup", "output-style-setup", "Explore", "Plan"),
        ["skills"] = new JsonArray(), ["plugins"] = new JsonArray(), ["uuid"] = Guid.NewGuid().ToString(),
    });

    private string Assistant(string session, string? text, string? toolId)
    {
        AssistantLines++;
        JsonNode block = text is not null
            ? new JsonObject { ["type"] = "text", ["text"] = text }
            : new JsonObject { ["type"] = "tool_use", ["id"] = toolId, ["name"] = Tools[_random.Next(Tools.Length)], ["input"] = ToolInput() };
        return Json(new JsonObject
        {
            ["type"] = "assistant",
            ["message"] = new JsonObject
            {
                ["model"] = Model, ["id"] = "msg_01" + Token(22), ["type"] = "message", ["role"] = "assistant",
                ["content"] = new JsonArray(block), ["stop_reason"] = null, ["stop_sequence"] = null,
                ["usage"] = Usage(),
                ["context_management"] = null,
            },
            ["parent_tool_use_id"] = null, ["session_id"] = session, ["uuid"] = Guid.NewGuid().ToString(),
        });
    }

    private JsonObject ToolInput() => _random.Next(4) switch
    {
        0 => new JsonObject { ["file_path"] = $"/work/src/module{_random.Next(40)}/file{_random.Next(200)}.cs" },
        1 => new JsonObject { ["command"] = "dotnet test --nologo 2>&1 | tail -40", ["description"] = "Run the tests" },
        2 => new JsonObject { ["pattern"] = "class \\w+Parser", ["path"] = "src", ["output_mode"] = "files_with_matches" },
        _ => new JsonObject
        {
            ["file_path"] = $"/work/src/module{_random.Next(40)}/file{_random.Next(200)}.cs",
            ["old_string"] = Code(_random.Next(1, 8)), ["new_string"] = Code(_random.Next(1, 12)),
        },
    };

    private string ToolResult(string session, string toolId)
    {
        // Mostly short results; one in six is a whole file or a long test log.
        var content = _random.Next(6) == 0 ? Code(_random.Next(40, 250)) : Code(_random.Next(1, 12));
        return Json(new JsonObject
        {
            ["type"] = "user",
            ["message"] = new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["tool_use_id"] = toolId, ["type"] = "tool_result", ["content"] = content, ["is_error"] = _random.Next(20) == 0 }),
            },
            ["parent_tool_use_id"] = null, ["session_id"] = session, ["uuid"] = Guid.NewGuid().ToString(),
        });
    }

    private string Result(string session)
    {
        var cost = Math.Round((decimal)_random.NextDouble() * 2, 6);
        TotalCostUsd += cost;
        return Json(new JsonObject
        {
            ["type"] = "result", ["subtype"] = "success", ["is_error"] = false, ["duration_ms"] = _random.Next(10_000, 900_000),
            ["duration_api_ms"] = _random.Next(10_000, 800_000), ["num_turns"] = _random.Next(5, 120), ["result"] = Text(_random.Next(20, 200)),
            ["session_id"] = session, ["total_cost_usd"] = cost,
            ["usage"] = Usage(),
            ["modelUsage"] = new JsonObject
            {
                [Model] = new JsonObject
                {
                    ["inputTokens"] = _random.Next(100, 5000), ["outputTokens"] = _random.Next(1000, 90_000), ["cacheReadInputTokens"] = _random.Next(100_000, 9_000_000),
                    ["cacheCreationInputTokens"] = _random.Next(10_000, 400_000), ["webSearchRequests"] = 0, ["costUSD"] = cost, ["contextWindow"] = 200_000,
                },
            },
            ["permission_denials"] = new JsonArray(), ["uuid"] = Guid.NewGuid().ToString(),
        });
    }

    private JsonObject Usage() => new()
    {
        ["input_tokens"] = _random.Next(1, 12), ["cache_creation_input_tokens"] = _random.Next(0, 4000), ["cache_read_input_tokens"] = _random.Next(10_000, 150_000),
        ["cache_creation"] = new JsonObject { ["ephemeral_5m_input_tokens"] = _random.Next(0, 4000), ["ephemeral_1h_input_tokens"] = 0 },
        ["output_tokens"] = _random.Next(1, 2000), ["service_tier"] = "standard",
    };

    private string Text(int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++) text.Append(i == 0 ? "" : " ").Append(Words[_random.Next(Words.Length)]);
        return text.Append('.').ToString();
    }

    /// <summary>Numbered source lines, the way the Read tool returns them ("     1→...").</summary>
    private string Code(int lines)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= lines; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i,6}→    {(i % 5 == 0 ? "}" : $"var x{i} = \"{Text(_random.Next(2, 9))}\"; // \t tab")}\n");
        return text.ToString();
    }

    private string Token(int length)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789";
        return string.Create(length, _random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[r.Next(alphabet.Length)];
        });
    }

    private static string Json(JsonObject o) => o.ToJsonString(Compact);
}
