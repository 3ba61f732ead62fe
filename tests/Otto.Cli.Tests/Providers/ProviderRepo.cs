using System.Text.Json.Nodes;

namespace Otto.Tests.Providers;

/// <summary>
/// A temp repository set up for a run whose implementer is a CLI provider (played by <see cref="FakeClis"/>)
/// while the planner stays on the scripted agent: a plan of independent tasks, each owning `ID.txt`, a
/// verify script, and otto.yaml with whatever the test adds. Reads back the run folder's files.
/// </summary>
internal sealed class ProviderRepo : IDisposable
{
    private readonly string _root = TestEnvironment.NewTempDir("otto-provider-");

    /// <param name="planner">The planner role's settings (default: the scripted agent with the scenario's plan).</param>
    public ProviderRepo(string provider, string[] tasks, string extraYaml = "", string planner = "{ provider: scripted, scenario: scenario.yaml }")
    {
        Bin = FakeClis.WriteAll(Path.Combine(_root, "bin"));
        State = Directory.CreateDirectory(Path.Combine(_root, "state")).FullName;
        Repo = new TempRepo();
        Repo.Write("otto.yaml", $"""
            agent:
              provider: {provider}
            roles:
              planner: {planner}
            verify:
              commands:
                - run: sh ./test.sh
                  timeout: 1m
            {extraYaml}
            """);
        Repo.Write("scenario.yaml", Scenario(tasks));
        Repo.Write("test.sh", "for f in *.txt; do [ -e \"$f\" ] || continue; grep -q '^done by' \"$f\" || { echo \"$f: unexpected content\"; exit 1; }; done\necho ok\n");
        Repo.Commit("otto setup for provider tests");
    }

    public TempRepo Repo { get; }

    public string Bin { get; }

    /// <summary>The fake CLIs' own state: call counts and the prompts they were given.</summary>
    public string State { get; }

    public async Task<OttoResult> BuildAsync(Dictionary<string, string?>? env = null, params string[] extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_STATE"] = State,
        };
        foreach (var (key, value) in env ?? []) environment[key] = value;
        return await OttoProcess.RunAsync(Repo.Root, environment, TimeSpan.FromMinutes(3), ["build", "provider test run", .. extra]);
    }

    public Task<OttoResult> OttoAsync(params string[] args) =>
        OttoProcess.RunAsync(Repo.Root, new Dictionary<string, string?> { ["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH") }, TimeSpan.FromMinutes(1), args);

    public string RunDir => Assert.Single(Directory.GetDirectories(Path.Combine(Repo.Root, ".otto", "runs")));

    public string RunId => Path.GetFileName(RunDir);

    public JsonObject Final => Json(Path.Combine(RunDir, "final.json"));

    public string AttemptDir(string task, int attempt = 1) => Path.Combine(RunDir, "tasks", task, $"attempt-{attempt}");

    public JsonObject Result(string task, int attempt = 1) => Json(Path.Combine(AttemptDir(task, attempt), "result.json"));

    public JsonObject Invocation(string task, int attempt = 1) => Json(Path.Combine(AttemptDir(task, attempt), "invocation.json"));

    public IReadOnlyList<string> AttemptDirs(string task) => Directory.GetDirectories(Path.Combine(RunDir, "tasks", task), "attempt-*");

    public IReadOnlyList<JsonObject> Events => File.ReadAllLines(Path.Combine(RunDir, "events.ndjson"))
        .Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    public IReadOnlyList<JsonObject> EventsOf(string type) => Events.Where(e => (string?)e["type"] == type).ToList();

    private static JsonObject Json(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    private static string Scenario(string[] tasks)
    {
        var text = new System.Text.StringBuilder("""
            classification: { kind: feature, size: small, single_task: false, rationale: provider test }
            plan:
              summary: independent files, one per task
              tasks:

            """);
        foreach (var id in tasks)
        {
            text.Append($"""
                    - id: {id}
                      title: Write {id}.txt
                      description: Write {id}.txt saying done.
                      role: feature
                      depends_on: []
                      owned_paths: [{id}.txt]
                      acceptance: ["{id}.txt exists"]

                """);
        }
        return text.ToString();
    }

    public void Dispose()
    {
        // OTTO_TEST_KEEP=1 keeps the repository and run folder for a look after the test.
        if (Environment.GetEnvironmentVariable("OTTO_TEST_KEEP") == "1") return;
        Repo.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
