using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #23: an agent that prints every secret format otto knows to stdout and stderr, puts them
/// in its status (summary, failure_reason, learnings), in a commit message of its own and in a committed
/// file. Not one of them may be found in the run folder, in otto's output or in a commit message otto
/// wrote; the file is refused before merging (cause contract, naming file, line and rule), and the next
/// attempt, told why, removes it. With `secrets: allow` the same file is merged.
/// </summary>
public sealed class SecretsTests
{
    private const string EnvSecret = "dpl-7Hq2Zr9XkP4mWv";

    private static readonly string[] Planted = [.. FakeSecrets.All, EnvSecret];

    private const string LeakyTask = """
            - { id: leaky, title: Configure the service, description: Add the configuration., role: foundation, depends_on: [], owned_paths: ["config/**"], acceptance: [it is configured] }

        """;

    private const string FailingTask = """
            - { id: failing, title: Never works, description: Fails every time., role: feature, depends_on: [leaky], owned_paths: ["other/**"], acceptance: [none] }

        """;

    /// <summary>The agent: prints the secrets everywhere it can; leaky's first attempt commits them (file
    /// and message), later ones remove the file; failing fails with them as its reason.</summary>
    private const string AgentScript = """
        #!/bin/sh
        dir="$1"
        cat "$dir/secrets.txt"
        cat "$dir/secrets.txt" >&2
        echo "and the deploy token is $DEPLOY_TOKEN"
        cp "$OTTO_PROMPT_FILE" "$dir/$OTTO_TASK_ID-$OTTO_ATTEMPT.prompt"
        case "$OTTO_TASK_ID-$OTTO_ATTEMPT" in
          leaky-1)
            mkdir -p config
            cp "$dir/secrets.txt" config/keys.env
            git add config/keys.env
            git -c user.name=agent -c user.email=agent@example.invalid commit -q -F "$dir/secrets.txt"
            cp "$dir/status-success.json" "$OTTO_STATUS_FILE" ;;
          leaky-*)
            git rm -q config/keys.env
            mkdir -p config && echo "KEYS_FROM=environment" > config/settings.env
            echo '{"outcome":"success","summary":"the keys now come from the environment"}' > "$OTTO_STATUS_FILE" ;;
          *)
            cp "$dir/status-fail.json" "$OTTO_STATUS_FILE" ;;
        esac

        """;

    [Fact]
    public async Task No_secret_reaches_the_run_folder_the_output_or_a_commit_message_and_a_committed_one_is_refused()
    {
        using var agent = AgentFolder();
        using var project = Project(agent.Path, secretsAllowed: false, LeakyTask + FailingTask);

        var build = await OttoProcess.RunAsync(project.Root, Env(), OttoProject.Timeout, "build", "configure the service");

        Assert.True(build.ExitCode == 1, build.ToString()); // `failing` fails on purpose
        var run = project.SingleRun();
        var refused = Assert.Single(run.EventsOf("attempt_failed", "leaky"));
        Assert.Equal(1, (int?)refused["attempt"]);
        Assert.Equal("contract", (string?)refused["data"]!["kind"]);
        var reason = (string)refused["data"]!["reason"]!;
        foreach (var rule in new[] { "anthropic-key", "openai-key", "github-token", "aws-access-key-id", "aws-secret-access-key", "private-key", "slack-token", "google-api-key", "secret-assignment" })
            Assert.Matches($@"- config/keys\.env:\d+: adds a secret \(rule: {rule}\)", reason);
        Assert.Contains("- config/keys.env:1: adds a secret (rule: anthropic-key)", reason, StringComparison.Ordinal);
        // The fix attempt was told what to remove, and did; only then was the task merged.
        Assert.Contains("config/keys.env:3: adds a secret (rule: aws-access-key-id)", File.ReadAllText(Path.Combine(agent.Path, "leaky-2.prompt")), StringComparison.Ordinal);
        Assert.Single(run.EventsOf("task_merged", "leaky"));
        Assert.Null(project.Repo.Show(run.IntegrationBranch, "config/keys.env"));
        Assert.Equal("KEYS_FROM=environment\n", project.Repo.Show(run.IntegrationBranch, "config/settings.env"));
        Assert.Contains(Redactor, (string?)run.Final["reason"], StringComparison.Ordinal);

        var views = new List<OttoResult> { build };
        foreach (var arguments in new[]
        {
            ["status", run.Id], ["status", run.Id, "--json"], ["logs", run.Id], ["logs", run.Id, "leaky", "--attempt", "1"],
            ["logs", run.Id, "failing"], ["logs", run.Id, "failing", "--raw"], ["runs"], ["report", run.Id], new[] { "status", FakeSecrets.GitHubClassic },
        })
        {
            views.Add(await OttoProcess.RunAsync(project.Root, Env(), OttoProject.Timeout, arguments));
        }
        Assert.All(views.Take(views.Count - 1), view => Assert.True(view.ExitCode is 0 or 1, view.ToString()));
        // An error message that quotes what the user typed is redacted too.
        Assert.Contains("there is no run `" + Redactor + "`", views[^1].Stderr, StringComparison.Ordinal);

        Assert.True(File.Exists(Path.Combine(run.Dir, "report.html")), "the HTML report was written into the run folder");
        AssertNoSecretIn(run.Dir, views, project.Repo);
        Assert.True(CountFiles(run.Dir) > 30, "the run folder was scanned");

        // While an attempt runs its output is raw on disk: `otto logs` masks what it shows, every line of a key too.
        File.WriteAllText(Path.Combine(run.AttemptDir("failing", 2), "stdout.log"), FakeSecrets.Text(EnvSecret) + "\n");
        var live = new List<OttoResult>();
        foreach (var raw in new[] { false, true })
            live.Add(await OttoProcess.RunAsync(project.Root, Env(), OttoProject.Timeout, raw ? ["logs", run.Id, "failing", "--raw"] : ["logs", run.Id, "failing"]));
        Assert.All(live, view => Assert.Contains("[REDACTED]\n[REDACTED]\n[REDACTED]\n[REDACTED]\n[REDACTED]\n", view.Stdout, StringComparison.Ordinal));
        Assert.All(live, view => Assert.All(Planted, secret => Assert.DoesNotContain(secret, view.Stdout, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_secrets_allowed_the_committed_file_is_merged_and_still_masked_everywhere_else()
    {
        using var agent = AgentFolder();
        using var project = Project(agent.Path, secretsAllowed: true, LeakyTask);

        var build = await OttoProcess.RunAsync(project.Root, Env(), OttoProject.Timeout, "build", "configure the service");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        Assert.Empty(run.EventsOf("attempt_failed", "leaky"));
        Assert.Single(run.EventsOf("task_merged", "leaky"));
        Assert.Equal(File.ReadAllText(Path.Combine(agent.Path, "secrets.txt")), project.Repo.Show(run.IntegrationBranch, "config/keys.env"));
        Assert.True(File.Exists(project.Repo.Path(".otto/learnings.md")), "a succeeded run records its learnings");
        AssertNoSecretIn(run.Dir, [build], project.Repo);
    }

    private static readonly string Redactor = Otto.Secrets.Redactor.Mask;

    private static Dictionary<string, string?> Env() => new() { ["OTTO_PLAIN"] = "1", ["DEPLOY_TOKEN"] = EnvSecret };

    private static OttoProject Project(string agentDir, bool secretsAllowed, string tasks)
    {
        var agentYaml = $$"""
            agent:
              provider: scripted
              scenario: scenario.yaml
            roles:
              implementer:
                provider: command
                command: ["sh", "{{agentDir}}/agent.sh", "{{agentDir}}"]
            {{(secretsAllowed ? "secrets: allow\n" : "")}}
            """;
        return OttoProject.Create("plan:\n  summary: the service\n  tasks:\n" + tasks, new Dictionary<string, string> { ["max_attempts"] = "2" }, agentYaml);
    }

    /// <summary>The agent's script, the secrets it plants and its status files, outside the repository.</summary>
    private static TempDir AgentFolder()
    {
        var dir = new TempDir();
        var secrets = FakeSecrets.Text(EnvSecret) + "\n";
        dir.Write("agent.sh", AgentScript);
        dir.Write("secrets.txt", secrets);
        var all = secrets.TrimEnd();
        dir.Write("status-success.json", JsonSerializer.Serialize(new JsonObject
        {
            ["outcome"] = "success", ["summary"] = "configured:\n" + all, ["failure_reason"] = all, ["learnings"] = new JsonArray(all, "the key is " + FakeSecrets.GitHubClassic),
        }));
        dir.Write("status-fail.json", JsonSerializer.Serialize(new JsonObject
        {
            ["outcome"] = "fail", ["summary"] = all, ["failure_reason"] = "it did not work:\n" + all, ["learnings"] = new JsonArray(all),
        }));
        return dir;
    }

    /// <summary>Every file of the run folder (recursively), every output, every commit message on every ref.</summary>
    private static void AssertNoSecretIn(string runDir, IReadOnlyList<OttoResult> outputs, TempRepo repo)
    {
        var places = new List<(string Where, string Text)>();
        places.AddRange(Directory.EnumerateFiles(runDir, "*", SearchOption.AllDirectories).Select(file => (Path.GetRelativePath(runDir, file), File.ReadAllText(file))));
        places.AddRange(outputs.SelectMany(o => new[] { ("stdout", o.Stdout), ("stderr", o.Stderr) }));
        places.Add(("git log --all --format=%B", repo.Git("log", "--all", "--format=%B")));
        var learnings = repo.Path(".otto/learnings.md");
        places.Add((".otto/learnings.md", File.Exists(learnings) ? File.ReadAllText(learnings) : ""));
        var leaks = places
            .SelectMany(place => Planted.Where(secret => place.Text.Contains(secret, StringComparison.Ordinal)).Select(secret => $"{place.Where}: {secret[..8]}..."))
            .ToList();
        Assert.True(leaks.Count == 0, "secrets found:\n" + string.Join("\n", leaks));
    }

    private static int CountFiles(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Count();
}
