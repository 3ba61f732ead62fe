using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Hooks;

/// <summary>
/// `otto hook claude-pretool` and `otto hook gemini-beforetool`: read the tool call the CLI sends on
/// stdin, and deny it when it would write outside the task's paths. The protocols, as the installed CLIs
/// implement them (Claude Code 2.1: stdin {hook_event_name, tool_name, tool_input, cwd, ...}, a denial is
/// stdout {"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny",
/// "permissionDecisionReason": ...}} with exit 0; Gemini CLI 0.61: the same stdin fields with
/// hook_event_name BeforeTool, a denial is {"decision": "deny", "reason": ...}). Allowing prints nothing,
/// so the CLI's own permission rules still apply. A hook that cannot judge lets the call run: the git
/// hooks and the integrator come after it.
/// </summary>
public static class ToolHook
{
    public static int Run(string name, HookIO io)
    {
        JsonObject? call;
        try
        {
            call = JsonNode.Parse(Encoding.UTF8.GetString(HookRunner.ReadAll(io.Stdin))) as JsonObject;
        }
        catch (JsonException e)
        {
            io.Err.WriteLine($"otto {name}: the tool call on stdin is not JSON ({e.Message}); not checked");
            return 0;
        }
        if (call is null || (string?)call["tool_name"] is not { } tool || call["tool_input"] is not JsonObject input) return 0;
        var cwd = call["cwd"] is JsonValue v && v.TryGetValue<string>(out var c) && Path.IsPathRooted(c) ? c : io.Cwd;
        var project = io.Env(name == HookRunner.ClaudePreTool ? "CLAUDE_PROJECT_DIR" : "GEMINI_PROJECT_DIR") is { Length: > 0 } p ? p : cwd;
        if (HookRunner.Load(io, project) is not var (worktree, rules)) return 0;
        var denial = AgentToolCheck.Denial(worktree, rules, AgentToolCheck.Targets(tool, input, cwd));
        if (denial is null) return 0;
        io.Out.WriteLine(Deny(name, denial).ToJsonString());
        return 0;
    }

    public static JsonObject Deny(string name, string reason) => name == HookRunner.ClaudePreTool
        ? new JsonObject
        {
            ["hookSpecificOutput"] = new JsonObject
            {
                ["hookEventName"] = "PreToolUse",
                ["permissionDecision"] = "deny",
                ["permissionDecisionReason"] = reason,
            },
        }
        : new JsonObject { ["decision"] = "deny", ["reason"] = reason };
}
