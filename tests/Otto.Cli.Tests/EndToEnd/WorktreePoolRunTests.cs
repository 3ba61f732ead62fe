using Otto.Execution;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 13: the worktree pool across real runs. A finished run leaves idle worktrees in the pool (at most
/// `worktree_pool`, default the concurrency); the next run's task works in one of them, switched to the base
/// commit and as clean as a fresh checkout; `otto gc` trims the pool to what otto.yaml says.
/// </summary>
public sealed class WorktreePoolRunTests
{
    [Fact]
    public async Task A_second_run_works_in_a_worktree_the_first_left_in_the_pool_and_gc_trims_the_pool()
    {
        using var seen = new TempDir();
        // The agent records which worktree it runs in (its git folder) and everything it finds there.
        var record = $"run: [\"cat .git >> '{seen.Path}/gitdirs'\", \"find . -path ./.git -prune -o -print | sort > '{seen.Path}/listing-$$'\"]";
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork(extra: record)));

        var first = await project.BuildAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var root = (string)project.SingleRun().Json("run.json")["worktree_root"]!;
        var pooled = WorktreePool.Slots(root).Select(s => File.ReadAllText(Path.Combine(s, ".git")).Trim()).ToList();
        Assert.InRange(pooled.Count, 1, 2); // bounded by the concurrency, 2
        File.Delete(seen.File("gitdirs"));

        var second = await project.BuildAsync();
        Assert.True(second.ExitCode == 0, second.ToString());

        Assert.Contains(File.ReadAllText(seen.File("gitdirs")).Trim(), pooled);
        var listings = Directory.GetFiles(seen.Path, "listing-*").Select(File.ReadAllText).Distinct().ToList();
        Assert.True(listings.Count == 1, "the pooled worktree looked to the agent exactly as the fresh one did:\n" + string.Join("\n---\n", listings));
        Assert.InRange(WorktreePool.Slots(root).Count, 1, 2);

        project.Repo.Write("otto.yaml", File.ReadAllText(project.Repo.Path("otto.yaml")) + "worktree_pool: 0\n");
        var gc = await project.OttoAsync("gc");
        Assert.True(gc.ExitCode == 0, gc.ToString());
        Assert.Contains("remove pooled worktree", gc.Stdout, StringComparison.Ordinal);
        Assert.Empty(WorktreePool.Slots(root));
        var worktrees = project.Repo.Git("worktree", "list", "--porcelain").Split('\n').Count(l => l.StartsWith("worktree ", StringComparison.Ordinal));
        Assert.Equal(1, worktrees); // the user's checkout alone
    }

    [Fact]
    public async Task The_final_check_runs_in_a_worktree_the_run_no_longer_needs_not_in_a_new_checkout()
    {
        // No pool (`worktree_pool: 0`: not even the baseline's worktree is kept for the check): the project's
        // checks record which worktree (its git folder) the final check runs in. Made for the check, it would
        // be git's worktree `_integration`.
        using var seen = new TempDir();
        var probe = $"case \"$PWD\" in */_integration) cat .git >> '{seen.Path}/final' ;; esac\n";
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), extraYaml: "worktree_pool: 0\n",
            files: new Dictionary<string, string> { ["tests/test_where.sh"] = probe });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var gitdir = File.ReadAllText(seen.File("final")).Trim();
        Assert.StartsWith("gitdir: ", gitdir, StringComparison.Ordinal);
        Assert.DoesNotContain("/worktrees/_integration", gitdir, StringComparison.Ordinal);
    }

    /// <summary>The planner: classify records which worktree it runs in (its git folder), plan names one task.</summary>
    private static string Planner(string seen) => """
        #!/bin/sh
        case "$OTTO_STAGE" in
          classify) cat .git >> 'SEEN'; printf '{"kind":"feature","size":"small","single_task":true}' > "$OTTO_OUTPUT_FILE" ;;
          plan) printf '%s' '{"summary":"one task","tasks":[{"id":"work","title":"The work","description":"Change lib/ and its test.","role":"foundation","depends_on":[],"owned_paths":["lib/**","tests/test_work.sh"],"acceptance":["the test passes"]}]}' > "$OTTO_OUTPUT_FILE" ;;
          *) exit 1 ;;
        esac

        """.Replace("SEEN", seen, StringComparison.Ordinal);

    [Fact]
    public async Task The_planner_takes_the_pooled_worktree_before_the_spares_do()
    {
        // One pooled worktree, three takers (the planner and two spares at concurrency 3): the first stage
        // must get it, not wait for a fresh checkout made while the spares switch.
        using var seen = new TempDir();
        var agents = "agent: { provider: scripted, scenario: scenario.yaml }\nroles:\n"
            + "  planner: { provider: command, command: [\"sh\", \"agents/planner.sh\"] }\n";
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()), agentYaml: agents,
            extraYaml: "worktree_pool: 1\n", files: new Dictionary<string, string> { ["agents/planner.sh"] = Planner(seen.File("planner")) });
        project.Repo.Write("otto.yaml", File.ReadAllText(project.Repo.Path("otto.yaml")).Replace("concurrency: 2\n", "concurrency: 3\n", StringComparison.Ordinal));
        project.Repo.Commit("concurrency 3");

        var first = await project.BuildAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var root = (string)project.SingleRun().Json("run.json")["worktree_root"]!;
        var pooled = File.ReadAllText(Path.Combine(Assert.Single(WorktreePool.Slots(root)), ".git")).Trim();
        File.Delete(seen.File("planner"));

        var second = await project.BuildAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(pooled, File.ReadAllText(seen.File("planner")).Trim());
    }
}
