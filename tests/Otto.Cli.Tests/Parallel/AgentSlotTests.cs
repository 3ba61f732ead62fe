namespace Otto.Tests.Parallel;

/// <summary>`concurrency` counts agents: a task past its agent verifies and merges without holding a slot.</summary>
public sealed class AgentSlotTests
{
    [Fact]
    public async Task At_concurrency_1_the_next_agent_works_while_the_first_task_verifies_and_verifications_never_overlap()
    {
        // Barriers, not a clock: a's verification waits (up to a minute) for b's agent to have started, which
        // happens only if a's slot was given up when its agent was done; then for b to be done verifying (b's
        // agent is quick and may get to its verification first) or to show in its heartbeat (what live.json
        // reads) that it waits for the verify slot a holds. Every verification holds a lock folder, so two at
        // once fail the run.
        using var dir = new TempDir();
        var started = Path.Combine(dir.Path, "b-started");
        var bVerified = Path.Combine(dir.Path, "b-verified");
        var verifying = Path.Combine(dir.Path, "verifying");
        var script = Path.Combine(dir.Path, "verify.sh");
        var tasks = new List<TaskSpec> { new("a", Sleep: 0), new("b", Sleep: 0) { Commands = [$"touch '{started}'"] } };
        using var run = new ParallelRepo(tasks, concurrency: 1, verify: $"sh '{script}'");
        var waiting = $"grep -qs '\"stage\":\"verify-wait\"' '{run.Repo.Root}'/.otto/runs/*/tasks/b/attempt-1/heartbeat";
        File.WriteAllText(script, $"""
            mkdir '{verifying}' 2>/dev/null || {"{"} echo "another verification is running"; exit 1; {"}"}
            if [ -f out/a.txt ] && [ ! -f out/b.txt ]; then
              i=0
              while [ ! -e '{started}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
              [ -e '{started}' ] || {"{"} rmdir '{verifying}'; echo "b's agent never started while a verified"; exit 1; {"}"}
              i=0
              while [ ! -e '{bVerified}' ] && ! {waiting} && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
              [ -e '{bVerified}' ] || {waiting} || {"{"} rmdir '{verifying}'; echo "b neither verified nor waited for a verify slot"; exit 1; {"}"}
            elif [ -f out/b.txt ] && [ ! -f out/a.txt ]; then
              touch '{bVerified}'
            fi
            rmdir '{verifying}'

            """);

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

    [Fact]
    public async Task A_best_of_rounds_variants_verify_in_the_processs_verify_slots_beside_a_task_past_its_agent()
    {
        // At concurrency 2: a verifies (its agent done) while x's two variants work, so without verify slots for
        // variants three verifications would run at once. Each holds one of two lock folders, so a third fails
        // its variant. a holds its own until a variant of x verifies and both of x's agents are done, then until
        // the other variant verifies too or 3 s pass (its verify slot keeps it out: the 3 s are only the time a
        // variant without one would have to show up); the first variant holds its until a is done.
        using var dir = new TempDir();
        var (locks, marks) = (Path.Combine(dir.Path, "locks"), Path.Combine(dir.Path, "marks"));
        Directory.CreateDirectory(locks);
        Directory.CreateDirectory(marks);
        var script = Path.Combine(dir.Path, "verify.sh");
        File.WriteAllText(script, $"""
            got=
            for i in 1 2; do if mkdir '{locks}'/$i 2>/dev/null; then got=$i; break; fi; done
            [ -n "$got" ] || {"{"} echo "a third verification ran at once"; exit 1; {"}"}
            variants() {"{"} ls '{marks}' | grep -c '^x-in-'; {"}"}
            if [ -f out/a.txt ] && [ ! -f out/x.txt ]; then
              i=0
              while [ "$(variants)" -lt 1 ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
              [ "$(variants)" -ge 1 ] || {"{"} rmdir '{locks}'/$got; echo "no variant of x verified while a did"; exit 1; {"}"}
              i=0
              while {"{"} [ ! -e '{marks}/x-agent-1' ] || [ ! -e '{marks}/x-agent-2' ]; {"}"} && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
              i=0
              while [ "$(variants)" -lt 2 ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done
              touch '{marks}/a-done'
            elif [ -f out/x.txt ] && [ ! -f out/a.txt ]; then
              touch '{marks}'/x-in-$$
              i=0
              while [ ! -e '{marks}/a-done' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
            fi
            rmdir '{locks}'/$got

            """);
        var tasks = new List<TaskSpec>
        {
            new("a", Sleep: 0),
            new("x", Sleep: 0) { BestOf = 2, Commands = [$"touch '{marks}/x-agent-'\"$OTTO_VARIANT\""] },
        };
        using var run = new ParallelRepo(tasks, concurrency: 2, verify: $"sh '{script}'");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(3), "build", "a, and x two ways");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("succeeded", (string?)run.Final()["status"]);
        var variants = run.Events("variant_finished").Where(e => (string?)e["task"] == "x").ToList();
        Assert.Equal(2, variants.Count);
        Assert.All(variants, v => Assert.True((bool)v["data"]!["verified"]!, v.ToJsonString()));
        Assert.True(File.Exists(Path.Combine(marks, "a-done")), "a's verification did not run beside x's round");
    }
}
