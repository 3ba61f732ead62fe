using System.Diagnostics;
using System.Text.Json.Nodes;
using Otto.Tests.Providers;

namespace Otto.Tests.Hooks;

/// <summary>
/// The agent-side layer: a real run on the Claude (or Gemini) provider leaves the task's tool hook in the
/// worktree's settings, merged with the repository's own and never committed (the agents here hit their
/// turn limit after working, so the run fails and keeps its worktrees to look at); the configured command,
/// run as the CLI runs it (through bash, the call as JSON on stdin, the project folder in the
/// environment), lets an owned path through and denies another task's, naming the owner.
/// </summary>
public sealed class AgentHookTests
{
    private const string ProjectSettings = """
        {
          "permissions": { "allow": ["Bash(npm test)"] },
          "hooks": { "PreToolUse": [ { "matcher": "Bash", "hooks": [ { "type": "command", "command": "echo project-hook" } ] } ] }
        }

        """;

    private const string KeepWorktrees = "limits:\n  max_attempts: 1\n";

    [Fact]
    public async Task Claude_s_PreToolUse_hook_allows_the_task_s_paths_and_denies_another_task_s_naming_it()
    {
        using var repo = new ProviderRepo("claude", ["a", "b"], KeepWorktrees);
        repo.Repo.Write(".claude/settings.local.json", ProjectSettings).Commit("the project's own Claude settings");

        var result = await repo.BuildAsync(new Dictionary<string, string?> { ["FAKE_MODE"] = "max_turns" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var worktree = TaskWorktreeOf(repo, "a");
        var settings = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(worktree, ".claude/settings.local.json")))!;
        Assert.Equal("Bash(npm test)", (string?)settings["permissions"]!["allow"]![0]); // merged, not replaced
        var entries = settings["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Equal("echo project-hook", (string?)entries[0]!["hooks"]![0]!["command"]);
        var otto = entries.Single(e => (string?)e!["matcher"] == "Edit|Write|MultiEdit|NotebookEdit|Bash")!;
        var command = (string)otto["hooks"]![0]!["command"]!;
        Assert.EndsWith(" hook claude-pretool", command, StringComparison.Ordinal);
        Assert.Equal("done by claude\n", repo.Repo.Show($"otto/tasks/{repo.RunId}/a", "a.txt")); // the agent's work was committed,
        Assert.Equal(ProjectSettings, repo.Repo.Show($"otto/tasks/{repo.RunId}/a", ".claude/settings.local.json")); // otto's settings never

        var write = await RunHookAsync(command, worktree, "CLAUDE_PROJECT_DIR", ClaudeCall(worktree, "Write", new JsonObject { ["file_path"] = Path.Combine(worktree, "a.txt"), ["content"] = "x" }));
        var edit = await RunHookAsync(command, worktree, "CLAUDE_PROJECT_DIR", ClaudeCall(worktree, "Edit", new JsonObject { ["file_path"] = Path.Combine(worktree, "b.txt"), ["old_string"] = "done", ["new_string"] = "undone" }));
        var bash = await RunHookAsync(command, worktree, "CLAUDE_PROJECT_DIR", ClaudeCall(worktree, "Bash", new JsonObject { ["command"] = "echo hacked > b.txt && echo fine > a.txt", ["description"] = "write files" }));
        var bashOwn = await RunHookAsync(command, worktree, "CLAUDE_PROJECT_DIR", ClaudeCall(worktree, "Bash", new JsonObject { ["command"] = "echo fine > a.txt; mkdir -p .ai && echo '{}' > .ai/status.json" }));

        Assert.Equal((0, ""), (write.Exit, write.Stdout.Trim()));
        Assert.Equal((0, ""), (bashOwn.Exit, bashOwn.Stdout.Trim()));
        foreach (var denied in new[] { edit, bash })
        {
            Assert.Equal(0, denied.Exit);
            var output = (JsonObject)JsonNode.Parse(denied.Stdout)!;
            var specific = output["hookSpecificOutput"]!;
            Assert.Equal("PreToolUse", (string?)specific["hookEventName"]);
            Assert.Equal("deny", (string?)specific["permissionDecision"]);
            var reason = (string)specific["permissionDecisionReason"]!;
            Assert.Contains("b.txt (would be written): owned by task `b`", reason, StringComparison.Ordinal);
            Assert.Contains("\"amendments\"", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Gemini_s_BeforeTool_hook_denies_another_task_s_path_in_gemini_s_own_format()
    {
        using var repo = new ProviderRepo("gemini", ["a", "b"], KeepWorktrees);

        var result = await repo.BuildAsync(new Dictionary<string, string?> { ["FAKE_MODE"] = "turn_limit" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var worktree = TaskWorktreeOf(repo, "a");
        var settings = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(worktree, ".gemini/settings.json")))!;
        var entry = settings["hooks"]!["BeforeTool"]![0]!;
        Assert.Equal("^(write_file|replace|run_shell_command)$", (string?)entry["matcher"]);
        var command = (string)entry["hooks"]![0]!["command"]!;
        Assert.NotNull(repo.Repo.Show($"otto/tasks/{repo.RunId}/a", "a.txt"));
        Assert.Null(repo.Repo.Show($"otto/tasks/{repo.RunId}/a", ".gemini/settings.json"));

        var own = await RunHookAsync(command, worktree, "GEMINI_PROJECT_DIR", GeminiCall(worktree, "write_file", new JsonObject { ["file_path"] = "a.txt", ["content"] = "x" }));
        var other = await RunHookAsync(command, worktree, "GEMINI_PROJECT_DIR", GeminiCall(worktree, "run_shell_command", new JsonObject { ["command"] = "rm b.txt" }));

        Assert.Equal((0, ""), (own.Exit, own.Stdout.Trim()));
        var output = (JsonObject)JsonNode.Parse(other.Stdout)!;
        Assert.Equal("deny", (string?)output["decision"]);
        Assert.Contains("b.txt (would be written): owned by task `b`", (string?)output["reason"], StringComparison.Ordinal);
    }

    /// <summary>The fields Claude Code 2.1.197 sends a PreToolUse hook (its hook input builder: session_id,
    /// transcript_path, cwd, permission_mode, then hook_event_name, tool_name, tool_input, tool_use_id).</summary>
    private static JsonObject ClaudeCall(string cwd, string tool, JsonObject input) => new()
    {
        ["session_id"] = "6f1c2f8e-0b7a-4c55-9f38-8e2f4d1a9c11",
        ["transcript_path"] = "/root/.claude/projects/x/6f1c2f8e-0b7a-4c55-9f38-8e2f4d1a9c11.jsonl",
        ["cwd"] = cwd,
        ["permission_mode"] = "acceptEdits",
        ["hook_event_name"] = "PreToolUse",
        ["tool_name"] = tool,
        ["tool_input"] = input,
        ["tool_use_id"] = "toolu_01ABCDEF",
    };

    /// <summary>The fields Gemini CLI 0.61 sends a BeforeTool hook (createBaseInput, then tool_name and tool_input).</summary>
    private static JsonObject GeminiCall(string cwd, string tool, JsonObject input) => new()
    {
        ["session_id"] = "b1d6",
        ["transcript_path"] = "",
        ["cwd"] = cwd,
        ["hook_event_name"] = "BeforeTool",
        ["timestamp"] = "2026-11-28T12:00:00.000Z",
        ["tool_name"] = tool,
        ["tool_input"] = input,
    };

    /// <summary>Runs a hook command the way both CLIs do: `bash -c COMMAND` in the project folder, the call on stdin.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunHookAsync(string command, string cwd, string projectVariable, JsonObject call)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = cwd, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.Environment[projectVariable] = cwd;
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(call.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string TaskWorktreeOf(ProviderRepo repo, string task)
    {
        var list = repo.Repo.Git("worktree", "list", "--porcelain").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var entry = Assert.Single(list, e => e.Contains($"branch refs/heads/otto/tasks/{repo.RunId}/{task}", StringComparison.Ordinal));
        return entry.Split('\n')[0]["worktree ".Length..];
    }
}
