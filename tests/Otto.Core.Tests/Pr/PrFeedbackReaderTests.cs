using System.Text.Json.Nodes;
using Otto.Pr;

namespace Otto.Tests.Pr;

/// <summary>What `otto pr sync` takes from gh's JSON (shapes of `gh pr view --json reviews,statusCheckRollup`
/// and of the REST review comments): thread starters, change requests with a reason, failed checks; never twice.</summary>
public sealed class PrFeedbackReaderTests
{
    private static readonly JsonObject View = JsonNode.Parse("""
        { "headRefOid": "abcdef0123456789",
          "reviews": [
            { "author": { "login": "ann" }, "authorAssociation": "MEMBER", "body": "Split the parser out.", "submittedAt": "2026-11-28T04:00:00Z", "state": "CHANGES_REQUESTED" },
            { "author": { "login": "bob" }, "body": "", "submittedAt": "2026-11-28T04:01:00Z", "state": "CHANGES_REQUESTED" },
            { "author": { "login": "cy" }, "body": "Looks good", "submittedAt": "2026-11-28T04:02:00Z", "state": "APPROVED" } ],
          "statusCheckRollup": [
            { "__typename": "CheckRun", "name": "test", "workflowName": "CI", "status": "COMPLETED", "conclusion": "FAILURE", "detailsUrl": "https://ci/1" },
            { "__typename": "CheckRun", "name": "lint", "workflowName": "CI", "status": "COMPLETED", "conclusion": "SUCCESS", "detailsUrl": "https://ci/2" },
            { "__typename": "StatusContext", "context": "deploy/preview", "state": "ERROR", "targetUrl": "https://ci/3" } ] }
        """)!.AsObject();

    private static readonly JsonObject[] Comments =
    [
        JsonNode.Parse("""{ "id": 11, "path": "src/a.cs", "line": null, "original_line": 7, "body": " Use a span here. ", "user": { "login": "ann" }, "html_url": "u11", "in_reply_to_id": null }""")!.AsObject(),
        JsonNode.Parse("""{ "id": 12, "path": "src/a.cs", "line": 7, "body": "agreed", "user": { "login": "bob" }, "html_url": "u12", "in_reply_to_id": 11 }""")!.AsObject(),
    ];

    [Fact]
    public void It_takes_thread_starting_comments_change_requests_with_a_reason_and_failed_checks()
    {
        var findings = PrFeedbackReader.Read(View, Comments, new HashSet<string>());

        Assert.Equal(["comment:11", "review:ann@2026-11-28T04:00:00Z", "check:CI / test@abcdef0123456789", "check:deploy/preview@abcdef0123456789"], findings.Select(f => f.Id));
        Assert.Equal(("src/a.cs", 7, "Use a span here.", "ann"), (findings[0].Path, findings[0].Line, findings[0].Message, findings[0].Author));
        Assert.Equal("ann requested changes: Split the parser out.", findings[1].Message);
        Assert.Null(findings[2].Path);
        Assert.Equal("the check `CI / test` failed (failure) on abcdef012345: https://ci/1; reproduce it locally, find the cause and fix it", findings[2].Message);
        Assert.All(findings, f => Assert.Equal("major", f.Severity));
    }

    [Fact]
    public void What_an_earlier_round_handled_is_not_taken_again()
    {
        var findings = PrFeedbackReader.Read(View, Comments, new HashSet<string> { "comment:11", "check:CI / test@abcdef0123456789" });

        Assert.Equal(["review:ann@2026-11-28T04:00:00Z", "check:deploy/preview@abcdef0123456789"], findings.Select(f => f.Id));
    }
}
