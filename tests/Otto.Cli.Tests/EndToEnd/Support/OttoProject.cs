namespace Otto.Tests.EndToEnd.Support;

/// <summary>
/// A real temp repository set up for `otto build` on the scripted agent: `sh ./test.sh` runs every
/// tests/test_*.sh (the verify command), otto.yaml names scenario.yaml, and both are committed on main.
/// Limits are small so every scenario finishes in seconds.
/// </summary>
public sealed class OttoProject : IDisposable
{
    public const string TestRunner = """
        #!/bin/sh
        # Runs every tests/test_*.sh and fails if any of them fails, showing its output.
        failed=0
        for test in tests/test_*.sh; do
          [ -e "$test" ] || continue
          if output=$(sh "$test" 2>&1); then
            echo "ok   $test"
          else
            echo "FAIL $test"
            printf '%s\n' "$output"
            failed=1
          fi
        done
        exit $failed

        """;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string> DefaultLimits = new(StringComparer.Ordinal)
    {
        ["attempt_timeout"] = "2m",
        ["stall_timeout"] = "30s",
        ["max_attempts"] = "3",
    };

    private OttoProject(TempRepo repo) => Repo = repo;

    public TempRepo Repo { get; }

    public string Root => Repo.Root;

    /// <param name="scenario">The scenario file's YAML (see <see cref="Scenarios"/>).</param>
    /// <param name="limits">otto.yaml `limits` that differ from the small defaults.</param>
    /// <param name="agentYaml">Replaces the whole `agent:` section (e.g. a command provider for a role).</param>
    /// <param name="baseline">`verify.baseline`, when a test needs one other than the default.</param>
    /// <param name="extraYaml">More top-level otto.yaml (e.g. a `setup:` section).</param>
    /// <param name="files">More files of the project's base commit (path -> content).</param>
    public static OttoProject Create(
        string scenario, IReadOnlyDictionary<string, string>? limits = null, string? agentYaml = null,
        string? baseline = null, string extraYaml = "", IReadOnlyDictionary<string, string>? files = null)
    {
        var repo = new TempRepo();
        repo.Write("test.sh", TestRunner);
        repo.Write("tests/test_readme.sh", "[ -f README.md ] || { echo 'README.md is missing'; exit 1; }\n");
        foreach (var (path, content) in files ?? new Dictionary<string, string>()) repo.Write(path, content);
        repo.Write("scenario.yaml", scenario);
        repo.Write("otto.yaml", Config(limits, agentYaml, baseline) + extraYaml);
        repo.Commit("a project otto can build");
        return new OttoProject(repo);
    }

    public static string Config(IReadOnlyDictionary<string, string>? limits = null, string? agentYaml = null, string? baseline = null)
    {
        var merged = new Dictionary<string, string>(DefaultLimits, StringComparer.Ordinal);
        foreach (var (key, value) in limits ?? new Dictionary<string, string>()) merged[key] = value;
        var text = new System.Text.StringBuilder();
        text.Append(agentYaml ?? "agent:\n  provider: scripted\n  scenario: scenario.yaml\n");
        text.Append("concurrency: 2\n");
        text.Append("verify:\n");
        if (baseline is not null) text.Append("  baseline: ").Append(baseline).Append('\n');
        text.Append("  commands:\n    - run: sh ./test.sh\n      timeout: 1m\n");
        text.Append("limits:\n");
        foreach (var (key, value) in merged) text.Append("  ").Append(key).Append(": ").Append(value).Append('\n');
        return text.ToString();
    }

    public Task<OttoResult> OttoAsync(params string[] arguments) =>
        OttoProcess.RunAsync(Root, null, Timeout, arguments);

    public Task<OttoResult> BuildAsync(string intent = "make the change the scenario describes") =>
        OttoAsync("build", intent);

    public OttoProcess StartBuild(string intent = "make the change the scenario describes") =>
        OttoProcess.Start(Root, null, "build", intent);

    public string RunsDir => Repo.Path(".otto/runs");

    public IReadOnlyList<string> RunIds() =>
        Directory.Exists(RunsDir) ? Directory.GetDirectories(RunsDir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>`otto build --plan-only`, which must succeed, and its run as otto's own code sees it: for tests
    /// that then work on the run's worktrees, pool or spares directly.</summary>
    public async Task<Otto.Engine.RunContext> PlannedRunAsync()
    {
        var planned = await OttoAsync("build", "--plan-only", "make the change the scenario describes");
        Assert.True(planned.ExitCode == 0, planned.ToString());
        return new Otto.Engine.RunContext(new Otto.Runs.RunPaths(Path.Combine(RunsDir, Assert.Single(RunIds()))), Otto.Engine.SilentObserver.Instance);
    }

    /// <summary>The one run this project has (fails the test when there is none or several).</summary>
    public RunFolder SingleRun() => new(Path.Combine(RunsDir, Assert.Single(RunIds())));

    public void Dispose() => Repo.Dispose();
}
