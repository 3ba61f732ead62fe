using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Review;

/// <summary>
/// `otto pr` with real git (a local bare repository as the remote) and a fake `gh` that answers like
/// the real one: create, update, merge only at the verified head, the fallback without gh or a remote,
/// and what it refuses.
/// </summary>
public sealed class PrCommandTests
{
    private static readonly string OneTask = Scenarios.OneTask("work", Scenarios.PassingWork("work", "status: { outcome: success, summary: 'added lib/work.sh and its test' }"));

    [Fact]
    public async Task It_pushes_the_verified_head_with_a_lease_and_opens_a_draft_pr_with_a_body_from_the_run()
    {
        using var repo = new PrRepo(OneTask);
        var run = await repo.BuildAsync();
        var head = (string)run.Final["head_sha"]!;

        var result = await repo.PrAsync(withGh: true, run.Id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(FakeGh.Url, result.Stdout.Trim());
        Assert.Equal(head, repo.RemoteHead(run.IntegrationBranch));
        var bodyFile = Path.Combine(run.Dir, "pr.md");
        Assert.Equal(
        [
            ["pr", "list", "--head", run.IntegrationBranch, "--state", "all", "--json", "number,url,state,headRefOid,isDraft,baseRefName"],
            ["pr", "create", "--head", run.IntegrationBranch, "--base", "main", "--title", "Add the work the scenario describes", "--body-file", bodyFile, "--draft"],
            ["pr", "view", FakeGh.Url, "--json", "number,url,state,headRefOid,isDraft,baseRefName"],
        ], repo.GhCalls);
        var body = File.ReadAllText(Path.Combine(repo.GhState, "pr", "body"));
        Assert.Equal(File.ReadAllText(bodyFile), body);
        Assert.Contains("| `work` | The work | foundation | – | merged | 1 | $0.00 |", body, StringComparison.Ordinal);
        Assert.Contains("added lib/work.sh and its test", body, StringComparison.Ordinal);
        Assert.Contains($"The integration branch at `{head}` passed `sh ./test.sh` on a clean checkout.", body, StringComparison.Ordinal);
        Assert.Contains($"git fetch origin {run.IntegrationBranch}\ngit worktree add --detach ../otto-verify-{run.Id} {head}\n", body, StringComparison.Ordinal);
        var pr = run.Json("pr.json");
        Assert.Equal((7, FakeGh.Url, head, "origin", true, false), ((int)pr["number"]!, (string)pr["url"]!, (string)pr["pushed_sha"]!, (string)pr["remote"]!, (bool)pr["draft"]!, (bool)pr["merged"]!));
    }

    [Fact]
    public async Task Run_again_it_updates_the_open_pr_instead_of_opening_another()
    {
        using var repo = new PrRepo(OneTask);
        var run = await repo.BuildAsync();
        Assert.Equal(0, (await repo.PrAsync(withGh: true, run.Id)).ExitCode);
        File.WriteAllText(Path.Combine(run.Dir, "review.json"), """{ "verdict": "approve", "summary": "reads well", "findings": [ { "path": "lib/work.sh", "line": 1, "severity": "nit", "message": "echo could be printf" } ] }""");

        var again = await repo.PrAsync(withGh: true, run.Id);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"origin/{run.IntegrationBranch} is already at", again.Stderr, StringComparison.Ordinal);
        var calls = repo.GhCalls.Skip(3).ToList();
        Assert.Equal(["pr", "list"], calls[0].Take(2));
        Assert.Equal(["pr", "edit", "7", "--title", "Add the work the scenario describes", "--body-file", Path.Combine(run.Dir, "pr.md")], calls[1]);
        Assert.Single(repo.GhCalls, c => c[1] == "create");
        Assert.Contains("| nit | `lib/work.sh:1` | echo could be printf |  |", File.ReadAllText(Path.Combine(repo.GhState, "pr", "body")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_merges_when_the_pr_head_is_the_verified_commit()
    {
        using var repo = new PrRepo(OneTask);
        var run = await repo.BuildAsync();
        var head = (string)run.Final["head_sha"]!;
        Assert.Equal(0, (await repo.PrAsync(withGh: true, run.Id)).ExitCode);

        var merge = await repo.PrAsync(withGh: true, run.Id, "--merge");

        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal(FakeGh.Url, merge.Stdout.Trim());
        var calls = repo.GhCalls.Skip(3).ToList();
        Assert.Equal(["pr", "view", "7"], calls[0].Take(3));
        Assert.Equal(["pr", "ready", "7"], calls[1]);
        Assert.Equal(["pr", "merge", "7", "--merge", "--match-head-commit", head], calls[2]);
        Assert.Equal("MERGED", File.ReadAllText(Path.Combine(repo.GhState, "pr", "state")));
        Assert.True((bool)run.Json("pr.json")["merged"]!);
    }

    [Fact]
    public async Task Merge_is_refused_when_the_pr_head_moved_and_a_push_never_overwrites_the_foreign_commit()
    {
        using var repo = new PrRepo(OneTask);
        var run = await repo.BuildAsync();
        var head = (string)run.Final["head_sha"]!;
        Assert.Equal(0, (await repo.PrAsync(withGh: true, run.Id)).ExitCode);
        var foreign = repo.PushForeignCommit(run.IntegrationBranch);

        var merge = await repo.PrAsync(withGh: true, run.Id, "--merge");

        Assert.Equal(1, merge.ExitCode);
        Assert.Equal($"otto: PR #7's head is {foreign[..8]}, not {head[..8]} that otto verified; otto merges only what it verified (nothing was merged: review the new commits and merge by hand, or push the verified one again)", merge.Stderr.Trim());
        Assert.DoesNotContain(repo.GhCalls, c => c[1] is "merge" or "ready");
        Assert.Equal("OPEN", File.ReadAllText(Path.Combine(repo.GhState, "pr", "state")));

        var push = await repo.PrAsync(withGh: true, run.Id);

        Assert.Equal(1, push.ExitCode);
        Assert.Contains($"origin/{run.IntegrationBranch} is at {foreign[..8]}, a commit otto did not push; otto will not overwrite it", push.Stderr, StringComparison.Ordinal);
        Assert.Equal(foreign, repo.RemoteHead(run.IntegrationBranch));
    }

    [Fact]
    public async Task Without_gh_it_pushes_writes_pr_md_and_prints_the_gh_command()
    {
        using var repo = new PrRepo(OneTask);
        var run = await repo.BuildAsync();

        var result = await repo.PrAsync(withGh: false, run.Id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((string)run.Final["head_sha"]!, repo.RemoteHead(run.IntegrationBranch));
        var bodyFile = Path.Combine(run.Dir, "pr.md");
        Assert.StartsWith("> add the work the scenario describes", File.ReadAllText(bodyFile), StringComparison.Ordinal);
        Assert.Equal($"gh pr create --head {run.IntegrationBranch} --base main --title 'Add the work the scenario describes' --body-file {bodyFile} --draft", result.Stdout.Trim());
        Assert.Contains("gh (the GitHub CLI) is not installed", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(repo.GhCalls);
    }

    [Fact]
    public async Task Without_a_remote_it_pushes_nothing_and_prints_the_push_and_gh_commands()
    {
        using var repo = new PrRepo(OneTask, withRemote: false);
        var run = await repo.BuildAsync();
        var head = (string)run.Final["head_sha"]!;

        var result = await repo.PrAsync(withGh: true, run.Id);

        Assert.True(result.ExitCode == 0, result.ToString());
        var bodyFile = Path.Combine(run.Dir, "pr.md");
        Assert.Equal(
            $"git push --force-with-lease=refs/heads/{run.IntegrationBranch}: origin {head}:refs/heads/{run.IntegrationBranch}\n"
            + $"gh pr create --head {run.IntegrationBranch} --base main --title 'Add the work the scenario describes' --body-file {bodyFile} --draft",
            result.Stdout.Trim());
        Assert.True(File.Exists(bodyFile));
        Assert.Empty(repo.GhCalls);
        Assert.False(File.Exists(Path.Combine(run.Dir, "pr.json")));
    }

    [Fact]
    public async Task A_failed_run_is_refused_unless_allowed_and_then_marked_as_failed()
    {
        using var repo = new PrRepo(TwoTasksOneFails, new Dictionary<string, string> { ["max_attempts"] = "1" });
        var run = await repo.BuildAsync(expectedExit: 1);
        Assert.Equal("failed", (string)run.Final["status"]!);

        var refused = await repo.PrAsync(withGh: true, run.Id);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"otto: run {run.Id} failed (verification in task bad); otto opens PRs only for succeeded runs: pass --allow-failed to open one anyway, marked as failed", refused.Stderr.Trim());
        Assert.Null(repo.RemoteHead(run.IntegrationBranch));
        Assert.Empty(repo.GhCalls);
        Assert.False(File.Exists(Path.Combine(run.Dir, "pr.md")));

        var allowed = await repo.PrAsync(withGh: true, run.Id, "--allow-failed");

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        var create = Assert.Single(repo.GhCalls, c => c[1] == "create");
        Assert.Equal("[failed run] Add the work the scenario describes", create[create.ToList().IndexOf("--title") + 1]);
        var body = File.ReadAllText(Path.Combine(repo.GhState, "pr", "body"));
        Assert.StartsWith("> [!WARNING]\n> **This run failed** (verification in task `bad`)", body, StringComparison.Ordinal);
        Assert.Contains("> bad is broken", body, StringComparison.Ordinal);
        Assert.True((bool)run.Json("pr.json")["allow_failed"]!);
    }

    private const string TwoTasksOneFails = """
        plan:
          summary: good, then bad
          tasks:
            - { id: good, title: Good work, description: Add lib/good.sh., role: feature, depends_on: [], owned_paths: [lib/good.sh, tests/test_good.sh], acceptance: [it works] }
            - { id: bad, title: Bad work, description: Add lib/bad.sh., role: feature, depends_on: [good], owned_paths: [lib/bad.sh, tests/test_bad.sh], acceptance: [it works] }
        tasks:
          good:
            - files: { "lib/good.sh": "echo good\n", "tests/test_good.sh": "true\n" }
              status: { outcome: success, summary: added good }
          bad:
            - files: { "lib/bad.sh": "echo bad\n", "tests/test_bad.sh": "echo 'bad is broken'; exit 1\n" }
              status: { outcome: success, summary: added bad }

        """;
}
