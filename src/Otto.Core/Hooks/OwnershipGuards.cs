using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Hooks;

/// <summary>
/// Prepares a task worktree for its agent: the marker that tells otto's git hooks which task this is
/// (in the worktree's own git folder, out of the agent's way), otto's git hooks turned on for it when
/// the repository has them installed, and the agent CLI's tool hook — Claude
/// Code's PreToolUse in `.claude/settings.local.json`, Gemini CLI's BeforeTool in `.gemini/settings.json`
/// — merged into what the worktree already has. Those files are never committed (ChangeCommitter leaves
/// out every file the marker lists), and otto's git hooks do not count them against the task.
/// </summary>
public static class OwnershipGuards
{
    public const string ClaudeSettings = ".claude/settings.local.json";
    public const string GeminiSettings = ".gemini/settings.json";

    /// <summary>Claude Code's tools that write files, and Bash (checked best-effort).</summary>
    public const string ClaudeMatcher = "Edit|Write|MultiEdit|NotebookEdit|Bash";

    /// <summary>Gemini CLI matches hooks with a regular expression on the tool name.</summary>
    public const string GeminiMatcher = "^(write_file|replace|run_shell_command)$";

    /// <param name="planFile">The run's newest accepted plan: copied beside the marker, so the hooks read
    /// it from the worktree's own git folder even where the run folder is out of the agent's reach (a sandbox).</param>
    public static void Prepare(string worktree, string gitDir, string runId, string taskId, string provider, IReadOnlyList<string> ottoCommand, string? planFile)
    {
        var written = new List<string>();
        var command = OttoCommand.ShellLine(ottoCommand);
        switch (provider)
        {
            case "claude":
                // Claude Code's hook timeout is in seconds.
                Merge(Path.Combine(worktree, ClaudeSettings), "PreToolUse", ClaudeMatcher, $"{command} hook {HookRunner.ClaudePreTool}", 60);
                written.Add(ClaudeSettings);
                break;
            case "gemini":
                // Gemini CLI's is in milliseconds.
                Merge(Path.Combine(worktree, GeminiSettings), "BeforeTool", GeminiMatcher, $"{command} hook {HookRunner.GeminiBeforeTool}", 60_000);
                written.Add(GeminiSettings);
                break;
        }
        var planCopy = Path.Combine(gitDir, TaskWorktree.PlanCopyFile);
        if (planFile is not null) File.Copy(planFile, planCopy, overwrite: true);
        else File.Delete(planCopy);
        File.WriteAllText(Path.Combine(gitDir, TaskWorktree.MarkerFile), TaskWorktree.MarkerText(runId, taskId, written));
        TaskHooks.ActivateIfInstalled(worktree, gitDir);
    }

    /// <summary>Adds otto's hook to a settings file's `hooks.EVENT` list, replacing an earlier otto entry
    /// and keeping everything else the file has.</summary>
    public static void Merge(string file, string hookEvent, string matcher, string command, int timeout)
    {
        var settings = Read(file);
        var hooks = settings["hooks"] as JsonObject ?? [];
        settings["hooks"] = hooks;
        var entries = hooks[hookEvent] as JsonArray ?? [];
        hooks[hookEvent] = entries;
        foreach (var stale in entries.OfType<JsonObject>().Where(IsOttos).ToList()) entries.Remove(stale);
        entries.Add(new JsonObject
        {
            ["matcher"] = matcher,
            ["hooks"] = new JsonArray(new JsonObject { ["type"] = "command", ["command"] = command, ["timeout"] = timeout }),
        });
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static bool IsOttos(JsonObject entry) =>
        entry["hooks"] is JsonArray list && list.OfType<JsonObject>().Any(h =>
            (string?)h["command"] is { } c && (c.EndsWith(" hook " + HookRunner.ClaudePreTool, StringComparison.Ordinal) || c.EndsWith(" hook " + HookRunner.GeminiBeforeTool, StringComparison.Ordinal)));

    /// <summary>The file's settings; a missing or unreadable file counts as empty (the repository's copy, if
    /// it tracks one, stays in git: otto's version is never committed).</summary>
    private static JsonObject Read(string file)
    {
        try
        {
            return File.Exists(file) && JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is JsonObject o ? o : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
