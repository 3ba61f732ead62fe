using System.Text.Json.Nodes;

namespace Otto.Tests.RealClis;

/// <summary>
/// A temp repository whose one task is done by a real agent CLI (the planner stays scripted), run with
/// a temp HOME and none of the credentials or settings of the machine, under limits that make every
/// run end: outage_timeout 5s (a CLI that keeps saying it cannot reach its API is stopped after 5s
/// without progress), stall_timeout 45s (room for a slow start on a busy machine), the transient
/// retries asked for (none by default), one attempt, and a run budget.
/// </summary>
internal sealed class RealCliRepo : IDisposable
{
    /// <summary>Everything that could give a CLI credentials, settings or an endpoint from the machine running the tests.</summary>
    private static readonly string[] MachineVariables =
    [
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "CLAUDE_CODE_OAUTH_TOKEN", "CLAUDE_CONFIG_DIR",
        "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "OPENAI_API_KEY", "OPENAI_BASE_URL", "CODEX_API_KEY", "CODEX_HOME",
        "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA", "GOOGLE_GEMINI_BASE_URL",
        "GOOGLE_APPLICATION_CREDENTIALS", "GEMINI_CLI_HOME", "CLOUD_SHELL", "GEMINI_CLI_USE_COMPUTE_ADC", "GEMINI_RESTRICTED_MODE",
        "GEMINI_CLI_TRUST_WORKSPACE", "XDG_CONFIG_HOME",
    ];

    private readonly string _home = TestEnvironment.NewTempDir("otto-real-home-");

    public RealCliRepo(string provider, string binary, int transientRetries = 0)
    {
        Provider = provider;
        Repo = new TempRepo();
        Repo.Write("otto.yaml", $$"""
            agent: { provider: {{provider}} }
            roles:
              planner: { provider: scripted, scenario: scenario.yaml }
            providers:
              {{provider}}: { binary: {{binary}} }
            verify:
              commands:
                - run: "true"
            concurrency: 1
            limits: { max_attempts: 1, stall_timeout: 45s, outage_timeout: 5s, attempt_timeout: 50s, kill_grace: 2s, transient_retries: {{transientRetries}}, transient_backoff: 1s, run_budget: 2m }
            """);
        Repo.Write("scenario.yaml", """
            classification: { kind: feature, size: small, single_task: true, rationale: real CLI test }
            plan:
              summary: one task for the real CLI
              tasks:
                - id: alpha
                  title: Write alpha.txt
                  description: Write alpha.txt saying done.
                  role: feature
                  depends_on: []
                  owned_paths: [alpha.txt]
                  acceptance: ["alpha.txt exists"]
            """);
        Repo.Commit("otto setup for a real CLI");
    }

    public string Provider { get; }

    public TempRepo Repo { get; }

    /// <summary>`otto build` with the machine's credentials removed and <paramref name="env"/> added.</summary>
    public Task<OttoResult> BuildAsync(params (string Name, string Value)[] env)
    {
        var environment = MachineVariables.ToDictionary(v => v, _ => (string?)null);
        environment["HOME"] = _home;
        foreach (var (name, value) in env) environment[name] = value;
        // The limits above end every run well within this; it only matters when something is broken.
        return OttoProcess.RunAsync(Repo.Root, environment, TimeSpan.FromMinutes(4), "build", "write alpha.txt");
    }

    public string RunDir => Assert.Single(Directory.GetDirectories(Path.Combine(Repo.Root, ".otto", "runs")));

    public JsonObject Final => Json(Path.Combine(RunDir, "final.json"));

    public string AttemptDir => Path.Combine(RunDir, "tasks", "alpha", "attempt-1");

    public JsonObject Result => Json(Path.Combine(AttemptDir, "result.json"));

    public JsonObject Invocation => Json(Path.Combine(AttemptDir, "invocation.json"));

    public string Reason => (string?)Final["reason"] ?? "";

    public IReadOnlyList<JsonObject> EventsOf(string type) => File.ReadAllLines(Path.Combine(RunDir, "events.ndjson"))
        .Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!).Where(e => (string?)e["type"] == type).ToList();

    private static JsonObject Json(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("OTTO_TEST_KEEP") == "1") return;
        Repo.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
