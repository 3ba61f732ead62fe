using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Otto.Tests.Parallel;

/// <summary>One task of a generated scenario: its dependencies, how long its agent works, what it writes.</summary>
public sealed record TaskSpec(string Id, double Sleep = 0.2, string[]? DependsOn = null, string Role = "feature")
{
    /// <summary>Extra step YAML lines for later attempts (attempt 2, 3 ...), each a full step mapping body.</summary>
    public string[] LaterAttempts { get; init; } = [];

    /// <summary>Shell commands the first attempt runs (after logging its execution, before writing files).</summary>
    public string[] Commands { get; init; } = [];

    /// <summary>Files the first attempt writes besides the task's own `&lt;id&gt;.txt`.</summary>
    public Dictionary<string, string> ExtraFiles { get; init; } = [];

    /// <summary>The first attempt's exit code (its status says fail when it is not 0).</summary>
    public int Exit { get; init; }

    /// <summary>The plan's `best_of` for the task (otto.yaml's when null).</summary>
    public int? BestOf { get; init; }
}

/// <summary>
/// A temp repository set up for a scripted run: otto.yaml, a scenario generated from task specs (each task
/// owns and writes `out/&lt;id&gt;.txt` and logs its execution to a file outside the repo), and helpers to
/// read the run folder.
/// </summary>
public sealed class ParallelRepo : IDisposable
{
    public ParallelRepo(IReadOnlyList<TaskSpec> tasks, int concurrency, string extraConfig = "", int filler = 0, string? parent = null,
        string verify = "test -d out || true")
    {
        Repo = new TempRepo(parent: parent);
        ExecutionLog = Path.Combine(Path.GetDirectoryName(Repo.Root)!, "executions.log");
        for (var i = 0; i < filler; i++) Repo.Write($"filler/f{i:0000}.txt", $"{i}\n");
        Repo.Write("otto.yaml", $"""
            agent: {"{"} provider: scripted, scenario: scenario.yaml {"}"}
            concurrency: {concurrency}
            verify:
              commands: [ {"{"} run: "{verify}", timeout: 1m {"}"} ]
            {extraConfig}
            """);
        Repo.Write("scenario.yaml", Scenario(tasks));
        Repo.Commit("otto config and scenario");
    }

    public TempRepo Repo { get; }

    public string ExecutionLog { get; }

    public Dictionary<string, string?> Env(string? host = null) => new()
    {
        ["OTTO_HOST"] = host,
        ["OTTO_PLAIN"] = "1",
    };

    public string RunDir => Directory.GetDirectories(Path.Combine(Repo.Root, ".otto", "runs")).Single();

    public string RunId => Path.GetFileName(RunDir);

    /// <summary>The complete lines of events.ndjson (a line being written is not complete yet).</summary>
    public IReadOnlyList<JsonObject> Events()
    {
        var text = File.ReadAllText(Path.Combine(RunDir, "events.ndjson"));
        var lines = text.Split('\n');
        return lines.Take(lines.Length - 1).Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
    }

    /// <summary>True once the run exists and its plan was accepted (safe to call before the run folder exists).</summary>
    public bool HasPlan()
    {
        var runs = Path.Combine(Repo.Root, ".otto", "runs");
        var dirs = Directory.Exists(runs) ? Directory.GetDirectories(runs) : [];
        return dirs.Length == 1 && File.Exists(Path.Combine(dirs[0], "events.ndjson")) && Events("plan_accepted").Count == 1;
    }

    public IReadOnlyList<JsonObject> Events(string type) => Events().Where(e => (string?)e["type"] == type).ToList();

    public JsonObject Final() => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RunDir, "final.json")))!;

    /// <summary>How many times each task's agent actually ran, from the log the agents append to.</summary>
    public IReadOnlyDictionary<string, int> Executions() =>
        File.Exists(ExecutionLog)
            ? File.ReadAllLines(ExecutionLog).Where(l => l.Length > 0).GroupBy(l => l.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Count())
            : new Dictionary<string, int>();

    public int AttemptFolders(string taskId) =>
        Directory.Exists(Path.Combine(RunDir, "tasks", taskId)) ? Directory.GetDirectories(Path.Combine(RunDir, "tasks", taskId), "attempt-*").Length : 0;

    private string Scenario(IReadOnlyList<TaskSpec> tasks)
    {
        var text = new StringBuilder();
        text.Append("plan:\n  summary: generated\n  tasks:\n");
        foreach (var t in tasks)
        {
            text.Append(CultureInfo.InvariantCulture, $"    - id: {t.Id}\n      title: task {t.Id}\n      role: {t.Role}\n");
            text.Append(CultureInfo.InvariantCulture, $"      depends_on: [{string.Join(", ", t.DependsOn ?? [])}]\n");
            text.Append(CultureInfo.InvariantCulture, $"      owned_paths: [out/{t.Id}.txt]\n");
            if (t.BestOf is { } bestOf) text.Append(CultureInfo.InvariantCulture, $"      best_of: {bestOf}\n");
        }
        text.Append("tasks:\n");
        foreach (var t in tasks)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {t.Id}:\n");
            text.Append(CultureInfo.InvariantCulture, $"    - output: [\"working on {t.Id}\"]\n");
            text.Append(CultureInfo.InvariantCulture, $"      sleep: {t.Sleep.ToString(CultureInfo.InvariantCulture)}\n");
            var commands = new[] { $"echo {t.Id} $OTTO_ATTEMPT >> '{ExecutionLog}'" }.Concat(t.Commands);
            text.Append("      run:\n");
            foreach (var command in commands) text.Append("        - ").Append(System.Text.Json.JsonSerializer.Serialize(command)).Append('\n');
            text.Append("      files:\n");
            text.Append(CultureInfo.InvariantCulture, $"        out/{t.Id}.txt: \"{t.Id}\\n\"\n");
            foreach (var (path, content) in t.ExtraFiles)
                text.Append(CultureInfo.InvariantCulture, $"        {path}: \"{content.Replace("\n", "\\n", StringComparison.Ordinal)}\"\n");
            text.Append(t.Exit == 0
                ? "      status: { outcome: success, summary: done }\n"
                : string.Create(CultureInfo.InvariantCulture, $"      exit: {t.Exit}\n      status: {{ outcome: fail, summary: gave up, failure_reason: \"{t.Id} cannot be done\" }}\n"));
            foreach (var later in t.LaterAttempts) text.Append("    - ").Append(later.Replace("\n", "\n      ", StringComparison.Ordinal)).Append('\n');
        }
        return text.ToString();
    }

    public void Dispose() => Repo.Dispose();
}
