namespace Otto.Tests.Providers;

/// <summary>
/// Stand-ins for the `claude`, `codex` and `gemini` executables, for what a real CLI cannot do offline
/// (succeed): small sh scripts that print streams in the shape Claude Code 2.1.197, codex-cli 0.171.0 and
/// Gemini CLI 0.61.0 really print (their failure lines copied from the real CLIs' output), edit the
/// worktree (OTTO_TASK_ID.txt) and write .ai/status.json, the way a real agent following otto's prompt
/// would. Environment variables pick the behaviour: FAKE_MODE (success, max_turns, api_error, auth,
/// flaky, turn_failed, turn_limit, no_final, secrets; offline: the CLI's own endless retries of an
/// unreachable API; overloaded: claude retrying a 529 forever), FAKE_STATUS (api_error's status),
/// FAKE_FAILS (flaky's failures before success), FAKE_FAIL_TASKS (the tasks flaky fails, space-separated;
/// default all), FAKE_COST (claude's total_cost_usd), FAKE_SLEEP
/// (seconds before finishing), FAKE_STATE (a folder for call counts and argv). Like the real 0.61, fake
/// gemini exits 55 unless the folder is trusted (GEMINI_CLI_TRUST_WORKSPACE=true or --skip-trust). Each
/// also answers `--version`, `--help` (codex: `exec --help`; lines copied from the real help) and its
/// offline login check (`claude auth status`, `codex login status`), for `otto doctor`.
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
          # A stage's answer (classify, plan ...): the file FAKE_OUT_<stage> names, when the test gives one.
          if [ -n "${OTTO_STAGE:-}" ] && [ -n "${OTTO_OUTPUT_FILE:-}" ]; then
            eval "out=\${FAKE_OUT_${OTTO_STAGE}:-}"
            if [ -n "$out" ]; then cp "$out" "$OTTO_OUTPUT_FILE"; fi
          fi
        }
        emit() { printf '%s\n' "$1"; }
        """;

    private const string Claude = "#!/bin/sh\n# fake claude: `claude -p PROMPT --output-format stream-json --verbose ...`\n" + """
        if [ "$1" = "--version" ]; then echo "2.1.197 (Claude Code)"; exit 0; fi
        if [ "$1" = "--help" ]; then
          cat <<'HELP'
        Usage: claude [options] [command] [prompt]

        Claude Code - starts an interactive session by default, use -p/--print for
        non-interactive output

        Options:
          --model <model>                       Model for the current session. Provide
                                                an alias for the latest model (e.g.
                                                'fable', 'opus', or 'sonnet') or a
                                                model's full name (e.g.
                                                'claude-fable-5').
          --output-format <format>              Output format (only works with --print):
                                                "text" (default), "json" (single
                                                result), or "stream-json" (realtime
                                                streaming) (choices: "text", "json",
                                                "stream-json")
          --permission-mode <mode>              Permission mode to use for the session
                                                (choices: "acceptEdits", "auto",
                                                "bypassPermissions", "default",
                                                "dontAsk", "plan")
          -p, --print                           Print response and exit (useful for
                                                pipes).
          --session-id <uuid>                   Use a specific session ID for the
                                                conversation (must be a valid UUID)
          --verbose                             Override verbose mode setting from
                                                config
          -h, --help                            Display help for command
        HELP
          exit 0
        fi
        if [ "$1" = auth ] && [ "$2" = status ]; then
          if [ "${FAKE_MODE:-success}" = auth ]; then
            printf '{\n  "loggedIn": false,\n  "authMethod": "none",\n  "apiProvider": "firstParty"\n}\n'; exit 1
          fi
          printf '{\n  "loggedIn": true,\n  "authMethod": "api_key",\n  "apiProvider": "firstParty",\n  "apiKeySource": "ANTHROPIC_API_KEY"\n}\n'; exit 0
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
          emit '{"type":"result","subtype":"'"$1"'","is_error":'"$2"',"api_error_status":'"$3"',"duration_ms":1200,"duration_api_ms":1100,"num_turns":'"$5"',"result":"'"$4"'","stop_reason":"end_turn","session_id":"'"$sid"'","total_cost_usd":'"$cost"',"usage":'"$usage"',"modelUsage":{},"permission_denials":[],"terminal_reason":"completed","fast_mode_state":"off","uuid":"00000000-0000-4000-8000-00000000000f"}'
        }
        failed_request() { # the message Claude writes for a failed API request: error text
          emit '{"type":"assistant","message":{"id":"'"$sid"'-e","container":null,"model":"<synthetic>","role":"assistant","stop_details":null,"stop_reason":"stop_sequence","stop_sequence":"","type":"message","usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0},"content":[{"type":"text","text":"'"$2"'"}],"context_management":null},"parent_tool_use_id":null,"session_id":"'"$sid"'","uuid":"00000000-0000-4000-8000-00000000000e","error":"'"$1"'"}'
        }
        retry() { # attempt error_status error: Claude retrying a failed request itself
          emit '{"type":"system","subtype":"api_retry","attempt":'"$1"',"max_retries":10,"retry_delay_ms":500.6,"error_status":'"$2"',"error":"'"$3"'","session_id":"'"$sid"'","uuid":"00000000-0000-4000-8000-00000000000d"}'
        }
        emit '{"type":"system","subtype":"init","cwd":"'"$PWD"'","session_id":"'"$sid"'","tools":["Task","Bash","Edit","Read","Write"],"mcp_servers":[],"model":"'"$model"'","permissionMode":"acceptEdits","slash_commands":["compact","init","review"],"apiKeySource":"ANTHROPIC_API_KEY","claude_code_version":"2.1.197","output_style":"default","agents":["general-purpose"],"skills":[],"plugins":[],"uuid":"00000000-0000-4000-8000-00000000000a","fast_mode_state":"off"}'
        case "${FAKE_MODE:-success}" in
          offline)
            n=0
            while :; do n=$((n + 1)); retry "$n" null unknown; sleep 0.3; done ;;
          overloaded)
            n=0
            while :; do n=$((n + 1)); retry "$n" 529 overloaded; sleep 0.3; done ;;
          auth)
            failed_request authentication_failed 'Invalid API key · Please run /login'
            result success true 401 'Invalid API key · Please run /login' 1; exit 1 ;;
          api_error)
            text='API Error: '"${FAKE_STATUS:-400}"' {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long\"}}'
            failed_request invalid_request "$text"
            result success true "${FAKE_STATUS:-400}" "$text" 1; exit 1 ;;
          flaky)
            case " ${FAKE_FAIL_TASKS:-$task} " in *" $task "*) ;; *) FAKE_FAILS=0 ;; esac
            if [ "$calls" -le "${FAKE_FAILS:-2}" ]; then
              text='API Error: 429 {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}'
              failed_request rate_limit "$text"
              result success true 429 "$text" 1; exit 1
            fi ;;
        esac
        emit '{"type":"assistant","message":{"id":"msg_1","container":null,"model":"'"$model"'","role":"assistant","stop_details":null,"stop_reason":null,"stop_sequence":null,"type":"message","usage":{"input_tokens":3,"output_tokens":9},"content":[{"type":"text","text":"I will write the file."}],"context_management":null},"parent_tool_use_id":null,"session_id":"'"$sid"'","uuid":"00000000-0000-4000-8000-000000000001"}'
        case "${FAKE_MODE:-success}" in
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
        if [ "$1" = "--version" ]; then echo "codex-cli 0.171.0"; exit 0; fi
        if [ "$1" = "exec" ] && [ "$2" = "--help" ]; then
          cat <<'HELP'
        Run Codex non-interactively

        Usage: codex exec [OPTIONS] [PROMPT]
               codex exec [OPTIONS] <COMMAND> [ARGS]

        Options:
          -m, --model <MODEL>
                  Model the agent should use

          -s, --sandbox <SANDBOX_MODE>
                  Select the sandbox policy to use when executing model-generated shell commands

                  [possible values: read-only, workspace-write, danger-full-access]

              --dangerously-bypass-approvals-and-sandbox
                  Skip all confirmation prompts and execute commands without sandboxing. EXTREMELY
                  DANGEROUS. Intended solely for running in environments that are externally sandboxed

          -C, --cd <DIR>
                  Tell the agent to use the specified directory as its working root

              --json
                  Print events to stdout as JSONL
        HELP
          exit 0
        fi
        if [ "$1" = login ] && [ "$2" = status ]; then
          if [ "${FAKE_MODE:-success}" = auth ]; then echo "Not logged in" >&2; exit 1; fi
          echo "Logged in using an API key - sk-proj-***ABCD" >&2; exit 0
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
        if [ "${FAKE_MODE:-success}" = offline ]; then
          for n in 2 3 4 5; do
            emit '{"type":"error","message":"Reconnecting... '"$n"'/5 (stream disconnected before completion: failed to lookup address information: Name does not resolve)"}'
          done
          emit '{"type":"item.completed","item":{"id":"item_0","type":"error","message":"Falling back from WebSockets to HTTPS transport. stream disconnected before completion: failed to lookup address information: Name does not resolve"}}'
          while :; do
            emit '{"type":"error","message":"Reconnecting... waiting for network (Connection failed: error sending request)"}'
            sleep 0.3
          done
        fi
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
        if [ "$1" = "--version" ]; then echo "0.61.0"; exit 0; fi
        if [ "$1" = "--help" ]; then
          cat <<'HELP'
        Usage: gemini [options] [command]

        Gemini CLI - Defaults to interactive mode. Use -p/--prompt for non-interactive (headless) mode.

        Options:
          -m, --model                     Model  [string]
          -p, --prompt                    Run in non-interactive (headless) mode with the given prompt. Appended to input on stdin (if any).  [string]
              --skip-trust                Trust the current workspace for this session.  [boolean] [default: false]
              --approval-mode             Set the approval mode: default (prompt for approval), auto_edit (auto-approve edit tools), yolo (auto-approve all tools), plan (read-only mode)  [string] [choices: "default", "auto_edit", "yolo", "plan"]
          -o, --output-format             The format of the CLI output.  [string] [choices: "text", "json", "stream-json"]
        HELP
          exit 0
        fi
        prompt=""; model="gemini-2.5-pro"
        while [ $# -gt 0 ]; do
          case "$1" in
            -p) prompt=$2; shift ;;
            -m) model=$2; shift ;;
            --skip-trust) GEMINI_CLI_TRUST_WORKSPACE=true ;;
          esac
          shift
        done
        if [ "$GEMINI_CLI_TRUST_WORKSPACE" != true ]; then
          echo 'Approval mode overridden to "default" because the current folder is not trusted.' >&2
          printf '\033[31mGemini CLI is not running in a trusted directory. To proceed, either use `--skip-trust`, set the `GEMINI_CLI_TRUST_WORKSPACE=true` environment variable, or trust this directory in interactive mode. For more details, see https://geminicli.com/docs/cli/trusted-folders/#headless-and-automated-environments\033[0m\n' >&2
          exit 55
        fi
        """ + "\n" + Common + "\n" + """
        printf '%s' "$prompt" > "$state/prompt-$task-$calls.txt"
        ts=2025-10-10T12:00:00.000Z
        emit '{"type":"init","timestamp":"'"$ts"'","session_id":"gemini-session-'"$task-$$"'","model":"'"$model"'"}'
        emit '{"type":"message","timestamp":"'"$ts"'","role":"user","content":"(prompt)"}'
        if [ "${FAKE_MODE:-success}" = offline ]; then
          n=0
          while :; do
            n=$((n + 1))
            echo "Attempt $n failed. Retrying with backoff... Error: exception TypeError: fetch failed sending request" >&2
            echo "    at async retryWithBackoff (file:///usr/lib/node_modules/@google/gemini-cli/bundle/chunk-JDPZ4CE3.js:308039:23)" >&2
            sleep 0.3
          done
        fi
        emit '{"type":"message","timestamp":"'"$ts"'","role":"assistant","content":"Writing ","delta":true}'
        emit '{"type":"message","timestamp":"'"$ts"'","role":"assistant","content":"the file.","delta":true}'
        emit '{"type":"tool_use","timestamp":"'"$ts"'","tool_name":"write_file","tool_id":"write_file-1","parameters":{"file_path":"'"$task.txt"'","content":"done"}}'
        work gemini
        emit '{"type":"tool_result","timestamp":"'"$ts"'","tool_id":"write_file-1","status":"success","output":""}'
        stats='{"total_tokens":5000,"input_tokens":4000,"output_tokens":1000,"cached":1000,"input":3000,"duration_ms":900,"tool_calls":1,"models":{"'"$model"'":{"total_tokens":5000,"input_tokens":4000,"output_tokens":1000,"cached":1000,"input":3000},"gemini-3.5-flash-lite":{"total_tokens":0,"input_tokens":0,"output_tokens":0,"cached":0,"input":0}}}'
        if [ "${FAKE_MODE:-success}" = turn_limit ]; then
          emit '{"type":"result","timestamp":"'"$ts"'","status":"error","error":{"type":"FatalTurnLimitedError","message":"Reached max session turns for this session. Increase the number of turns by specifying maxSessionTurns in settings.json."},"stats":'"$stats"'}'
          exit 53
        fi
        emit '{"type":"result","timestamp":"'"$ts"'","status":"success","stats":'"$stats"'}'
        """;
}
