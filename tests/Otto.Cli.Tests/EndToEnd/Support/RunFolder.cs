using System.Text.Json.Nodes;

namespace Otto.Tests.EndToEnd.Support;

/// <summary>Reads a run folder the way a user's script would: final.json, events.ndjson, attempt files.</summary>
public sealed record RunFolder(string Dir)
{
    public string Id => Path.GetFileName(Dir);

    public string IntegrationBranch => "otto/" + Id;

    public string TaskBranch(string task) => $"otto/tasks/{Id}/{task}";

    /// <summary>Where this run's worktrees are (the run's folder under its worktree root).</summary>
    public string WorktreeDir => Path.Combine((string)Json("run.json")["worktree_root"]!, Id);

    /// <summary>The worktree folders the run's end left in <see cref="WorktreeDir"/>, by name.</summary>
    public IReadOnlyList<string> WorktreesLeft() =>
        Directory.Exists(WorktreeDir) ? Directory.GetDirectories(WorktreeDir).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList() : [];

    public bool IsFinal => File.Exists(Path.Combine(Dir, "final.json"));

    public JsonObject Final => Json("final.json");

    public JsonObject Json(string relative) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, relative))) as JsonObject
        ?? throw new InvalidDataException($"{relative} is not a JSON object");

    public IReadOnlyList<JsonObject> Events =>
        File.ReadAllLines(Path.Combine(Dir, "events.ndjson"))
            .Where(l => l.Length > 0)
            .Select(l => (JsonObject)JsonNode.Parse(l)!)
            .ToList();

    public IReadOnlyList<JsonObject> EventsOf(string type, string? task = null) =>
        Events.Where(e => (string?)e["type"] == type && (task is null || (string?)e["task"] == task)).ToList();

    public string AttemptDir(string task, int attempt) => Path.Combine(Dir, "tasks", task, $"attempt-{attempt}");

    public string AttemptFile(string task, int attempt, string name) => File.ReadAllText(Path.Combine(AttemptDir(task, attempt), name));

    public JsonObject AttemptJson(string task, int attempt, string name) => (JsonObject)JsonNode.Parse(AttemptFile(task, attempt, name))!;

    public int AttemptCount(string task) =>
        Directory.Exists(Path.Combine(Dir, "tasks", task))
            ? Directory.GetDirectories(Path.Combine(Dir, "tasks", task), "attempt-*").Length
            : 0;

    public string StageFile(string stage, int attempt, string name) =>
        File.ReadAllText(Path.Combine(Dir, "stages", stage, $"attempt-{attempt}", name));

    /// <summary>The cause object of final.json (fails the test when it is null).</summary>
    public JsonObject Cause => Final["cause"] as JsonObject ?? throw new InvalidDataException("final.json has no cause");
}
