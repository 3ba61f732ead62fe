namespace Otto.Tests.Providers;

/// <summary>
/// Stand-ins for the `claude`, `codex` and `gemini` executables: small sh scripts that print streams in
/// each CLI's documented shape, edit the worktree (OTTO_TASK_ID.txt) and write .ai/status.json, the way a
/// real agent following otto's prompt would. Environment variables pick the behaviour:
/// FAKE_MODE (success, max_turns, api_error, auth, flaky, turn_failed, turn_limit, no_final, secrets),
/// FAKE_STATUS (api_error's status), FAKE_FAILS (flaky's failures before success), FAKE_COST (claude's
/// total_cost_usd), FAKE_SLEEP (seconds before finishing), FAKE_STATE (a folder for call counts and argv).
/// Each also answers `--version` and `--help` (codex: `exec --help`) with the flags otto uses, for `otto doctor`.
/// </summary>
internal static class FakeClis
{
    public static string WriteAll(string binDir)
    {
        Directory.CreateDirectory(binDir);
        Write(binDir, "claude", Claude);
        Write(binDir, "codex", Codex);
        Write(binDir, "gemini", Gemini);
        return binDir;
    }

    private static void Write(string dir, string name, string script)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, script.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Shared: the work itself (a file and the status contract), and a call counter.</summary>
    private const string Common = """
        state=${FAKE_STATE:-/tmp}
        task=${OTTO_TASK_ID:-feature}
        calls=$(( $(cat "$state/calls-$task" 2>/dev/null || echo 0) + 1 ))
        echo "$calls" > "$state/calls-$task"
        work() {
          printf 'done by %s\n' "$1" > "$task.txt"
          mkdir -p .ai
          printf '{"outcome":"success","summary":"wrote %s.txt"}\n' "$task" > .ai/status.json
        }
        emit() { printf '%s\n' "$1"; }
        """;

    private const string Claude = "#!/bin/sh\n# fake claude: `claude -p PROMPT --output-format stream-json --verbose ...`\n" + """
        if [ "$1" = "--version" ]; then echo "2.0.14 (Claude Code)"; exit 0; fi
        if [ "$1" = "--help" ]; then
          cat <<'HELP'
        Usage: claude [options] [command] [prompt]

        Options:
          -p, --print                       Print response and exit (useful for pipes)
          --output-format <format>          Output format (only works with --print): "text" (default), "json" (single result), or "stream-json" (realtime streaming)
          --verbose                         Override verbose mode setting from config
          --permission-mode <mode>          Permission mode to use for the session (choices: "acceptEdits", "bypassPermissions", "default", "plan")
          --model <model>                   Model for the current session
          --session-id <uuid>               Use a specific session ID for the conversation (must be a valid UUID)
          -h, --help                        Display help for command
        HELP
          exit 0
        fi
        sid=""; model="claude-sonnet-4-5-20250929"; prompt=""
        while [ $# -gt 0 ]; do
          case "$1" in
            -p) prompt=$2; shift ;;
            --session-id) sid=$2; shift ;;
            --model) model=$2; shift ;;
          esac
          shift
        done
        """ + "\n" + Common + "\n" + """
        printf '%s' "$prompt" > "$state/prompt-$task-$calls.txt"
        cost=${FAKE_COST:-0.0123}
        usage='{"input_tokens":12,"cache_creation_input_tokens":1000,"cache_read_input_tokens":3000,"output_tokens":250}'
        result() { # subtype is_error api_error_status text turns
          emit '{"type":"result","subtype":"'"$1"'","is_error":'"$2"',"api_error_status":'"$3"',"duration_ms":1200,"duration_api_ms":1100,"num_turns":'"$5"',"result":"'"$4"'","session_id":"'"$sid"'","total_cost_usd":'"$cost"',"usage":'"$usage"',"permission_denials":[]}'
        }
        emit '{"type":"system","subtype":"init","cwd":"'"$PWD"'","session_id":"'"$sid"'","tools":["Bash","Read","Edit","Write"],"mcp_servers":[],"model":"'"$model"'","permissionMode":"acceptEdits","apiKeySource":"ANTHROPIC_API_KEY"}'
        emit '{"type":"assistant","message":{"id":"msg_1","type":"message","role":"assistant","model":"'"$model"'","content":[{"type":"text","text":"I will write the file."}],"usage":{"input_tokens":3,"output_tokens":9}},"parent_tool_use_id":null,"session_id":"'"$sid"'"}'
        case "${FAKE_MODE:-success}" in
          auth)
            echo "Invalid API key · Please run /login" >&2
            result success true 401 'Invalid API key · Please run /login' 1; exit 1 ;;
          api_error)
            result success true "${FAKE_STATUS:-400}" 'API Error: '"${FAKE_STATUS:-400}"' {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long\"}}' 1; exit 1 ;;
          flaky)
            if [ "$calls" -le "${FAKE_FAILS:-2}" ]; then
              result success true 429 'API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}' 1; exit 1
            fi ;;
          no_final)
            emit '{"type":"assistant","message":{"id":"msg_2","type":"message","role":"assistant","model":"'"$model"'","content":[{"type":"tool_use","id":"toolu_9","name":"Bash","input":{"command":"ls"}}]},"parent_tool_use_id":null,"session_id":"'"$sid"'"}'
            exit 0 ;;
          secrets)
            emit "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"key $ANTHROPIC_API_KEY token $OTHER_TOKEN\"}]},\"parent_tool_use_id\":null,\"session_id\":\"$sid\"}"
            echo "plain line: ANTHROPIC_API_KEY=$ANTHROPIC_API_KEY OTHER_TOKEN=$OTHER_TOKEN"
            echo "curl -H 'Authorization: Bearer $FAKE_BEARER' https://api.example.invalid"
            echo "stderr: $ANTHROPIC_API_KEY / $OTHER_TOKEN / Authorization: Bearer $FAKE_BEARER" >&2
            work claude
            printf '{"outcome":"fail","summary":"used %s","failure_reason":"token %s leaked","learnings":["remember Authorization: Bearer %s"]}\n' "$ANTHROPIC_API_KEY" "$OTHER_TOKEN" "$FAKE_BEARER" > .ai/status.json
            emit "{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true,\"duration_ms\":10,\"num_turns\":2,\"session_id\":\"$sid\",\"total_cost_usd\":$cost,\"usage\":$usage,\"errors\":[\"tool failed with $ANTHROPIC_API_KEY and $OTHER_TOKEN\"]}"
            exit 1 ;;
        esac
        sleep "${FAKE_SLEEP:-0}"
        emit '{"type":"assistant","message":{"id":"msg_2","type":"message","role":"assistant","model":"'"$model"'","content":[{"type":"tool_use","id":"toolu_1","name":"Write","input":{"file_path":"'"$PWD/$task.txt"'","content":"done"}}]},"parent_tool_use_id":null,"session_id":"'"$sid"'"}'
        work claude
        emit '{"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"File created successfully"}]},"parent_tool_use_id":null,"session_id":"'"$sid"'"}'
        if [ "${FAKE_MODE:-success}" = max_turns ]; then result error_max_turns false null '' 2; exit 1; fi
        emit '{"type":"assistant","message":{"id":"msg_3","type":"message","role":"assistant","model":"'"$model"'","content":[{"type":"text","text":"Done."}]},"parent_tool_use_id":null,"session_id":"'"$sid"'"}'
        result success false null 'Done.' 3
        """;

    private const string Codex = "#!/bin/sh\n# fake codex: `codex exec --json --sandbox MODE -C DIR [-m MODEL] PROMPT`\n" + """
        if [ "$1" = "--version" ]; then echo "codex-cli 0.46.0"; exit 0; fi
        if [ "$1" = "exec" ] && [ "$2" = "--help" ]; then
          cat <<'HELP'
        Run Codex non-interactively

        Usage: codex exec [OPTIONS] [PROMPT]

        Options:
          -m, --model <MODEL>                            Model the agent should use
          -s, --sandbox <SANDBOX_MODE>                   [possible values: read-only, workspace-write, danger-full-access]
              --dangerously-bypass-approvals-and-sandbox Skip all confirmation prompts and execute commands without sandboxing
          -C, --cd <DIR>                                 Tell the agent to use the specified directory as its working root
              --json                                     Print events to stdout as JSONL
        HELP
          exit 0
        fi
        [ "$1" = exec ] || { echo "fake codex: expected exec" >&2; exit 2; }
        shift
        dir=.
        while [ $# -gt 1 ]; do
          case "$1" in
            -C) dir=$2; shift ;;
          esac
          shift
        done
        prompt=$1
        cd "$dir" || exit 3
        """ + "\n" + Common + "\n" + """
        printf '%s' "$prompt" > "$state/prompt-$task-$calls.txt"
        tid="0199a213-$(printf '%04x' "$$")-7800-8aa1-$task"
        emit '{"type":"thread.started","thread_id":"'"$tid"'"}'
        emit '{"type":"turn.started"}'
        emit '{"type":"item.started","item":{"id":"item_0","type":"command_execution","command":"bash -lc ls","aggregated_output":"","exit_code":null,"status":"in_progress"}}'
        emit '{"type":"item.completed","item":{"id":"item_0","type":"command_execution","command":"bash -lc ls","aggregated_output":"README.md\n","exit_code":0,"status":"completed"}}'
        if [ "${FAKE_MODE:-success}" = turn_failed ]; then
          emit '{"type":"error","message":"model refused: the request violates the usage policy"}'
          emit '{"type":"turn.failed","error":{"message":"model refused: the request violates the usage policy"}}'
          exit 1
        fi
        work codex
        emit '{"type":"item.completed","item":{"id":"item_1","type":"file_change","changes":[{"path":"'"$PWD/$task.txt"'","kind":"add"}],"status":"completed"}}'
        emit '{"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"Wrote the file."}}'
        emit '{"type":"turn.completed","usage":{"input_tokens":20000,"cached_input_tokens":8000,"output_tokens":1000}}'
        """;

    private const string Gemini = "#!/bin/sh\n# fake gemini: `gemini -p PROMPT --output-format stream-json --approval-mode MODE [-m MODEL]`\n" + """
        if [ "$1" = "--version" ]; then echo "0.9.0"; exit 0; fi
        if [ "$1" = "--help" ]; then
          cat <<'HELP'
        Usage: gemini [options] [command]

        Options:
          -m, --model                     Model                                      [string]
          -p, --prompt                    Run in non-interactive (headless) mode with the given prompt. [string]
              --approval-mode             Set the approval mode: default, auto_edit, yolo [string] [choices: "default", "auto_edit", "yolo"]
          -o, --output-format             The format of the CLI output. [string] [choices: "text", "json", "stream-json"]
        HELP
          exit 0
        fi
        prompt=""; model="gemini-2.5-pro"
        while [ $# -gt 0 ]; do
          case "$1" in
            -p) prompt=$2; shift ;;
            -m) model=$2; shift ;;
          esac
          shift
        done
        """ + "\n" + Common + "\n" + """
        printf '%s' "$prompt" > "$state/prompt-$task-$calls.txt"
        ts=2025-10-10T12:00:00.000Z
        emit '{"type":"init","timestamp":"'"$ts"'","session_id":"gemini-session-'"$task-$$"'","model":"'"$model"'"}'
        emit '{"type":"message","timestamp":"'"$ts"'","role":"user","content":"(prompt)"}'
        emit '{"type":"message","timestamp":"'"$ts"'","role":"assistant","content":"Writing ","delta":true}'
        emit '{"type":"message","timestamp":"'"$ts"'","role":"assistant","content":"the file.","delta":true}'
        emit '{"type":"tool_use","timestamp":"'"$ts"'","tool_name":"write_file","tool_id":"write_file-1","parameters":{"file_path":"'"$task.txt"'","content":"done"}}'
        work gemini
        emit '{"type":"tool_result","timestamp":"'"$ts"'","tool_id":"write_file-1","status":"success","output":""}'
        stats='{"total_tokens":5000,"input_tokens":4000,"output_tokens":1000,"cached":1000,"input":3000,"duration_ms":900,"tool_calls":1}'
        if [ "${FAKE_MODE:-success}" = turn_limit ]; then
          emit '{"type":"result","timestamp":"'"$ts"'","status":"error","error":{"type":"FatalTurnLimitedError","message":"Reached max session turns for this session. Increase the number of turns by specifying maxSessionTurns in settings.json."},"stats":'"$stats"'}'
          exit 53
        fi
        emit '{"type":"result","timestamp":"'"$ts"'","status":"success","stats":'"$stats"'}'
        """;
}
