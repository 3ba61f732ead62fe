using Otto.Tests.EndToEnd.Support;
using Otto.Tests.Review;

namespace Otto.Tests.Converge;

/// <summary>
/// `otto pr sync` (issue 12, the PR feedback loop) against a local bare remote and the fake gh: a review
/// comment on the PR becomes a fix attempt of the task owning its file, verified, pushed with a lease on
/// the sha otto pushed last, answered on the PR; feedback already handled is never handled twice.
/// </summary>
public sealed class PrSyncTests
{
    /// <summary>One task; its second attempt (the fix round) prints what the reviewer asked for.</summary>
    private static readonly string Scenario = Scenarios.OneTask("work",
        Scenarios.PassingWork("work", "status: { outcome: success, summary: 'added lib/work.sh and its test' }"),
        "files: { \"lib/work.sh\": \"echo work done\\n\" }\nstatus: { outcome: success, summary: 'lib/work.sh says work done, as asked on the PR' }");

    /// <summary>A review comment as `gh api repos/{owner}/{repo}/pulls/7/comments --jq '.[]'` prints it (REST fields).</summary>
    private static string Comment(long id, string path, int line, string body, long? inReplyTo = null) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = id, ["path"] = path, ["line"] = line, ["original_line"] = line, ["body"] = body, ["user"] = new System.Text.Json.Nodes.JsonObject { ["login"] = "ann" },
            ["html_url"] = $"https://github.com/acme/widgets/pull/7#discussion_r{id}", ["in_reply_to_id"] = inReplyTo, ["commit_id"] = "0000",
        }.ToJsonString() + "\n";

    [Fact]
    public async Task A_review_comment_becomes_a_fix_attempt_of_the_owning_task_which_is_verified_pushed_and_answered()
    {
        using var repo = new PrRepo(Scenario);
        var run = await repo.BuildAsync();
        var published = (string)run.Final["head_sha"]!;
        Assert.Equal(0, (await repo.PrAsync(withGh: true, run.Id)).ExitCode);
        File.WriteAllText(Path.Combine(repo.GhState, "pr", "comments.ndjson"),
            Comment(101, "lib/work.sh", 1, "Please print 'work done', so the log says the work finished.") + Comment(102, "lib/work.sh", 1, "+1", inReplyTo: 101));

        var sync = await repo.PrAsync(withGh: true, "sync", run.Id);

        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Equal(FakeGh.Url, sync.Stdout.Trim());
        var feedback = Assert.Single(run.EventsOf("pr_feedback"))["data"]!;
        Assert.Equal((1, 7, published), ((int)feedback["round"]!, (int)feedback["number"]!, (string?)feedback["head_sha"]));
        var finding = Assert.Single(feedback["findings"]!.AsArray())!; // the reply in the thread is not a second request
        Assert.Equal(("lib/work.sh", 1, "comment:101", "ann"), ((string?)finding["path"], (int?)finding["line"], (string?)finding["id"], (string?)finding["author"]));
        var reopened = Assert.Single(run.EventsOf("task_reopened"));
        Assert.Equal(("work", "pr"), ((string?)reopened["task"], (string?)reopened["data"]!["round"]!["source"]));
        Assert.Contains("Please print 'work done'", run.AttemptFile("work", 2, "prompt.md"), StringComparison.Ordinal);

        // Verified, on top of what the PR had, then pushed with a lease and recorded.
        Assert.Equal("succeeded", (string?)run.Final["status"]);
        var head = (string)run.Final["head_sha"]!;
        Assert.Equal(published, repo.Project.Repo.Git("rev-parse", head + "~1").Trim());
        Assert.Equal("echo work done\n", repo.Project.Repo.Show(head, "lib/work.sh"));
        Assert.Equal(head, repo.RemoteHead(run.IntegrationBranch));
        Assert.Equal(head, (string?)run.Json("pr.json")["pushed_sha"]);
        var calls = repo.GhCalls;
        Assert.Contains(calls, c => c.SequenceEqual(["pr", "view", "7", "--json", "headRefOid,reviews,statusCheckRollup"]));
        Assert.Contains(calls, c => c.SequenceEqual(["api", "repos/{owner}/{repo}/pulls/7/comments", "--paginate", "--jq", ".[]"]));
        Assert.Contains(calls, c => c.Count > 1 && c[1] == "edit");
        var reply = File.ReadAllText(Path.Combine(repo.GhState, "pr", "replies.log"));
        Assert.StartsWith($"101 body=otto fixed this in {head[..8]} (task `work`, PR feedback round 1)", reply, StringComparison.Ordinal);

        var again = await repo.PrAsync(withGh: true, "sync", run.Id);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("no new review comments or failing checks", again.Stderr, StringComparison.Ordinal);
        Assert.Single(run.EventsOf("pr_feedback"));
        Assert.Equal(head, repo.RemoteHead(run.IntegrationBranch));
    }

    [Fact]
    public async Task A_pr_whose_head_someone_else_moved_is_refused_and_nothing_changes()
    {
        using var repo = new PrRepo(Scenarios.OneTask("work", Scenarios.PassingWork()));
        var run = await repo.BuildAsync();
        Assert.Equal(0, (await repo.PrAsync(withGh: true, run.Id)).ExitCode);
        var foreign = repo.PushForeignCommit(run.IntegrationBranch);
        File.WriteAllText(Path.Combine(repo.GhState, "pr", "checks.json"),
            """[{"__typename":"CheckRun","name":"lint","workflowName":"CI","status":"COMPLETED","conclusion":"FAILURE","detailsUrl":"https://github.com/acme/widgets/actions/runs/1"}]""");
        var events = File.ReadAllText(Path.Combine(run.Dir, "events.ndjson"));

        var sync = await repo.PrAsync(withGh: true, "sync", run.Id);

        Assert.Equal(1, sync.ExitCode);
        Assert.Contains($"PR #7's head is {foreign[..8]}, not ", sync.Stderr, StringComparison.Ordinal);
        Assert.Equal(events, File.ReadAllText(Path.Combine(run.Dir, "events.ndjson")));
        Assert.Equal(foreign, repo.RemoteHead(run.IntegrationBranch));
    }
}
