using Otto.Tests.Parallel;

namespace Otto.Tests.Agents;

/// <summary>contracts.md "What an agent is given" (must): cwd = worktree, the OTTO_* variables with the right
/// values for execute and fix attempts, and none of the variables that break nested agent CLIs.</summary>
public sealed class AgentEnvironmentTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // otto runs agents on Linux and macOS only
    public async Task A_command_agent_gets_the_contract_environment_and_no_nesting_variables()
    {
        using var dumps = new TempDir();
        var agent = Path.Combine(dumps.Path, "agent.sh");
        File.WriteAllText(agent, $$"""
            #!/bin/sh
            out="{{dumps.Path}}/$OTTO_TASK_ID-$OTTO_ATTEMPT"
            env | grep -E '^(OTTO_|CLAUDECODE|CODEX_SANDBOX|GEMINI_CLI)' | sort > "$out.env"
            pwd -P > "$out.cwd"
            cp "$OTTO_PROMPT_FILE" "$out.prompt"
            cp "$OTTO_CONTEXT_FILE" "$out.context"
            [ "$OTTO_ATTEMPT" = 1 ] && { echo "first try fails on purpose" >&2; exit 1; }
            mkdir -p out .ai && echo done > "out/$OTTO_TASK_ID.txt"
            echo '{"outcome":"success","summary":"second try"}' > "$OTTO_STATUS_FILE"
            """);
        File.SetUnixFileMode(agent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var run = new ParallelRepo([new TaskSpec("envy")], concurrency: 1,
            $"roles: {{ implementer: {{ provider: command, command: [\"{agent}\"] }} }}");
        var env = run.Env();
        env["CLAUDECODE"] = "1";
        env["CODEX_SANDBOX"] = "seatbelt";
        env["GEMINI_CLI"] = "1";

        var result = await OttoProcess.RunAsync(run.Repo.Root, env, TimeSpan.FromMinutes(2), "build", "show me your environment");

        Assert.True(result.ExitCode == 0, result.ToString());
        var first = Variables(Path.Combine(dumps.Path, "envy-1.env"));
        var second = Variables(Path.Combine(dumps.Path, "envy-2.env"));
        Assert.Equal("execute", first["OTTO_STAGE"]);
        Assert.Equal("fix", second["OTTO_STAGE"]);
        foreach (var (vars, attempt) in new[] { (first, "1"), (second, "2") })
        {
            var cwd = File.ReadAllText(Path.Combine(dumps.Path, $"envy-{attempt}.cwd")).Trim();
            Assert.Equal(run.RunId, vars["OTTO_RUN_ID"]);
            Assert.DoesNotContain("OTTO_RUN_DIR", vars.Keys); // the run folder is otto's
            Assert.Equal(Path.Combine(run.RunDir, "tasks", "envy", $"attempt-{attempt}"), vars["OTTO_ATTEMPT_DIR"]);
            Assert.Equal(Path.Combine(vars["OTTO_WORKTREE"], ".ai", "context.md"), vars["OTTO_CONTEXT_FILE"]);
            var context = File.ReadAllText(Path.Combine(dumps.Path, $"envy-{attempt}.context"));
            Assert.Contains("show me your environment", context, StringComparison.Ordinal);
            Assert.Contains($"task `envy`, attempt {attempt}", context, StringComparison.Ordinal);
            Assert.Equal("envy", vars["OTTO_TASK_ID"]);
            Assert.Equal(attempt, vars["OTTO_ATTEMPT"]);
            Assert.Equal(cwd, Path.GetFullPath(vars["OTTO_WORKTREE"]));
            Assert.Equal(Path.Combine(vars["OTTO_WORKTREE"], ".ai", "status.json"), vars["OTTO_STATUS_FILE"]);
            Assert.Equal(Path.Combine(run.RunDir, "tasks", "envy", $"attempt-{attempt}", "prompt.md"), vars["OTTO_PROMPT_FILE"]);
            Assert.DoesNotContain("CLAUDECODE", vars.Keys);
            Assert.DoesNotContain("CODEX_SANDBOX", vars.Keys);
            Assert.DoesNotContain("GEMINI_CLI", vars.Keys);
        }
        Assert.Null(run.Repo.Show($"otto/{run.RunId}", ".ai/context.md")); // never committed
        // the fix attempt's prompt carries what went wrong the first time
        Assert.Contains("first try fails on purpose", File.ReadAllText(Path.Combine(dumps.Path, "envy-2.prompt")), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Variables(string file) =>
        File.ReadAllLines(file).Where(l => l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
}
