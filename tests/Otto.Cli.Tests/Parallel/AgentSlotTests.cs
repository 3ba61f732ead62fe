namespace Otto.Tests.Parallel;

/// <summary>`concurrency` counts agents: a task past its agent verifies and merges without holding a slot.</summary>
public sealed class AgentSlotTests
{
    [Fact]
    public async Task At_concurrency_1_the_next_agent_works_while_the_first_task_verifies_and_verifications_never_overlap()
    {
        // Barriers, not a clock: a's verification waits (up to a minute) for b's agent to have started, which
        // happens only if a's slot was given up when its agent was done; and every verification holds a lock
        // folder, so two at once (b's, started as soon as its quick agent ends) fail the run.
        using var dir = new TempDir();
        var started = Path.Combine(dir.Path, "b-started");
        var verifying = Path.Combine(dir.Path, "verifying");
        var script = Path.Combine(dir.Path, "verify.sh");
        File.WriteAllText(script, $"""
            mkdir '{verifying}' 2>/dev/null || {"{"} echo "another verification is running"; exit 1; {"}"}
            if [ -f out/a.txt ]; then
              i=0
              while [ ! -e '{started}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
              [ -e '{started}' ] || {"{"} rmdir '{verifying}'; echo "b's agent never started while a verified"; exit 1; {"}"}
              sleep 0.5
            fi
            rmdir '{verifying}'

            """);
        var tasks = new List<TaskSpec> { new("a", Sleep: 0), new("b", Sleep: 0) { Commands = [$"touch '{started}'"] } };
        using var run = new ParallelRepo(tasks, concurrency: 1, verify: $"sh '{script}'");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(3), "build", "two tasks, one agent at a time");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("succeeded", (string?)run.Final()["status"]);
        var claims = run.Events("task_claimed").GroupBy(e => (string)e["task"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, claims["a"]);
        Assert.Equal(1, claims["b"]);
        DateTimeOffset At(string type, string task) => DateTimeOffset.Parse((string)run.Events(type).Single(e => (string?)e["task"] == task)["ts"]!);
        Assert.True(At("attempt_started", "b") < At("verify_finished", "a"), "b's agent started only after a's verification");
        Assert.True(At("attempt_started", "b") > At("attempt_finished", "a"), "two agents ran at once at concurrency 1");
    }
}
