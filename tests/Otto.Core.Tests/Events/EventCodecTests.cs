using System.Text;
using System.Text.Json;
using Otto.Tests.Support;

namespace Otto.Tests.Events;

public sealed class EventCodecTests
{
    private static RunEvent? Parse(string line) => RunEvent.TryParse(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void A_line_reads_back_as_the_event_that_wrote_it()
    {
        var ts = new DateTimeOffset(2025, 6, 7, 8, 9, 10, 123, TimeSpan.Zero);
        var failure = AttemptFailed.Of(new FailureInfo(FailureKind.Verification, "ünïcode \"quoted\"\nnext line", "sig", new LimitHit("max_attempts", "3"), Command: "make test"));
        var line = new RunEvent(42, ts, "api", 3, failure).ToJsonLine();

        var back = Parse(line)!;

        Assert.DoesNotContain('\n', line);
        Assert.Equal(42, back.Seq);
        Assert.Equal(ts, back.Ts);
        Assert.Equal("attempt_failed", back.Type);
        Assert.Equal("api", back.Task);
        Assert.Equal(3, back.Attempt);
        Assert.Equal(failure, back.Body);
    }

    /// <summary>One sample of every event type: each must round-trip through its line unchanged.</summary>
    public static TheoryData<EventBody> EveryType => new()
    {
        new RunStarted("r1", "intent", "main", "b0", "otto/r1", true, "1.0"),
        new RunResumed("why"),
        new RunResumed("otto resume --restore-branch", "abc123"),
        new IntegrityWarning("event_log", "a line otto did not write", 42, Stops: true),
        new RunFinished(RunStatus.Failed, new FailureInfo(FailureKind.Breaker, "r", "s", new LimitHit("signature_limit", "3"), "api"), "r"),
        new StageStarted(Stage.Plan, 2),
        new StageFinished(Stage.Classify, 1, false, new FailureInfo(FailureKind.Contract, "bad"), "sess", 0.25m, new TokenCounts(1, 2, 3), AgentRan: true),
        new ClassificationAccepted("feature", "small", true, "because"),
        new PlanRejected(1, ["a", "b"]),
        new PlanAccepted(1, "plan-v1.json", "abc", "sum", [new PlannedTask("core", "t", "d", TaskRole.Foundation, [], ["src/**"], ["x"], "otto/tasks/r1/core")], ["shared.txt"], [new PlannedContract("api.h", "core")]),
        new IntegrationVerified(true, "sha", ["verify-0.log"]),
        new IntegrationVerified(false, "sha", ["verify-0.log"], FailureKind.Verification, "tests failed", "sig", Command: "npm test"),
        new TaskClaimed(new Owner("host", 12, 34, "tok"), AttemptKind.Fix, true),
        new AttemptStarted(99, 1234, "sess"),
        new AttemptRetried(2, "rate limited", 5.5),
        new AttemptRetried(1, "overloaded", 1.0, Stage.Plan, 2),
        new AttemptFinished(1, "stall_timeout", 12.345, "sess", 1.5m, new TokenCounts(10, 20, 5), "transient", "boom"),
        new StatusIngested(".ai/status.json", "success", "did it", null),
        new ChangesCommitted("c1", "b0", true),
        new VerifyFinished(false, "npm test", 1, false, "sig", ["verify-0.log"]),
        AttemptFailed.Of(new FailureInfo(FailureKind.Agent, "auth", Fatal: true)),
        new MergeConflict(["a.txt"], "i1", ["CONFLICT (content)"], Reason: "conflicts", Signature: "sig"),
        new TaskMerged("c1", "i1", false, ["warning"]),
        new VariantFinished(2, "command", "m1", "c2", false, 0.25m, new TokenCounts(1, 2, 0), "tried", new FailureInfo(FailureKind.Verification, "boom", "sig")),
        new VariantFinished(1, "claude", null, null, false, null, null, Question: "which one?"),
        new VariantChosen(2, "c2", "order", [new VariantRef(1, "refs/otto/tasks/r1/api/alt-1", "c1")], "done"),
        new VariantChosen(1, "c1", "reviewer", [], "done", "reads better", 0.05m, new TokenCounts(100, 20, 0)),
        new BreakerTripped("sig", 3),
        new TaskFailed(new FailureInfo(FailureKind.Ownership, "outside")),
        new TaskBlocked("core"),
        new TaskSkipped("another task failed"),
        new TaskWaiting("which one?"),
        new HumanAnswered("this one"),
        new TaskAdded("Integration fixes", "repair", TaskRole.Integration, ["src/**"], "otto/tasks/r1/integration",
            new FixRound(FixSource.Integration, 1, "the check failed", new FailureInfo(FailureKind.Verification, "FAIL", "sig", Command: "make"), null, "i1")),
        new TaskReopened(new FixRound(FixSource.Review, 2, "review round 2 found 1", new FailureInfo(FailureKind.Review, "- [major] a.txt: bad", "sig"),
            [new Finding("a.txt", 3, "major", "bad", "api")], "i2"), ["README.md"]),
        new TaskReopened(new FixRound(FixSource.Pr, 1, "PR #7 had feedback", null, [new Finding(null, null, "major", "check failed", null, "check:ci", "https://x", "ci")], "i3")),
        new ReviewRequested("otto review"),
        new ReviewFinished(1, 2, "sha", "request_changes", "not yet", [new Finding("a.txt", null, "blocker", "wrong")], "review-1.json"),
        new PrFeedback(1, 7, "sha", [new Finding("lib/x.sh", 4, "major", "rename it", Id: "thread:T1", Url: "https://github.com/a/b/pull/7#r1", Author: "ann")]),
        new BaselineStarted(1, "b0"),
        new BaselineFinished(1, true, "b0", false, ["verify-0.log"]),
        new BaselineFinished(2, false, "b0", true, [], FailureKind.Environment, "npm: command not found", "sig", Fatal: true, Command: "npm test"),
        new BaselineFinished(2, false, "b0", true, ["verify-0.log"], FailureKind.Baseline, "tests fail on the base", "sig", Command: "make test"),
        new LearningsCommitted("c2", "i1", "docs/otto-learnings.md", 2),
        new AmendmentRequested([new RequestedAmendment(1, "src/core/api.sh", "add sub", "api needs it", "core"), new RequestedAmendment(2, "README.md", "x", null, null, "no task owns README.md")]),
        new AmendmentRouted(1, "api", "src/core/api.sh"),
        new AmendmentReopened([1], "abc123"),
        new AmendmentMade(1, "api", "src/core/api.sh", "def456"),
        new AmendmentRefused(2, "README.md", null, "no task owns README.md", new LimitHit("max_amendments", "3")),
        new PlanAccepted(2, "plan-v2.json", "def", "split", [new PlannedTask("api-a", "t", "d", TaskRole.Feature, ["core"], ["src/a/**"], [], "otto/tasks/r1/api-a")], [], [], ["core"], ["api"]),
        new ReplanStarted(1, 1, ["api"], DecidedBy.Rules),
        new ReplanStarted(2, 2, ["api-a"], DecidedBy.Pilot, "api-a"),
        new PilotAsked(1, PilotBoundary.SameSignature, "same_signature:api:sig", "api"),
        new PilotAsked(2, PilotBoundary.Budget, "budget:run_budget"),
        new PilotDecided(1, PilotAction.RetryWithGuidance, DecidedBy.Pilot, "task api tries again", "api", "check the port", "same failure twice"),
        new PilotDecided(2, PilotAction.Replan, DecidedBy.Rules, "replan 1 of 2 once nothing runs", "api", Overruled: "the pilot gave no valid answer"),
        new ProviderBackoff("claude", DateTimeOffset.Parse("2026-11-28T08:00:30Z", System.Globalization.CultureInfo.InvariantCulture), "API Error: 429 rate_limit_error", 2, 20.5),
        new ProviderBackoff("codex", DateTimeOffset.Parse("2026-11-28T08:00:30Z", System.Globalization.CultureInfo.InvariantCulture), "exceeded retry limit, last status: 429 Too Many Requests", 1),
        new ProviderRecovered("claude"),
        new RateLimitWait("claude", DateTimeOffset.Parse("2026-11-28T08:00:30Z", System.Globalization.CultureInfo.InvariantCulture)),
        new RateLimitWaited("claude", 12.5, "review"),
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_event_type_round_trips(EventBody body)
    {
        var back = Parse(new RunEvent(7, EventStream.Start, "api", 1, body).ToJsonLine())!;

        Assert.Equal(body.GetType(), back.Body.GetType());
        Assert.Equal(JsonLine(body), JsonLine(back.Body));
    }

    [Fact]
    public void The_catalog_names_every_event_record()
    {
        var records = typeof(EventBody).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(EventBody)) && t != typeof(UnknownEvent)).Select(t => t.Name).Order();
        var sampled = ((IEnumerable<object[]>)EveryType).Select(row => row[0].GetType().Name).Distinct().Order();

        Assert.Equal(records, sampled);
        Assert.Equal(records.Count(), EventCatalog.Names.Count);
    }

    [Fact]
    public void Lines_written_by_earlier_versions_still_read()
    {
        // As otto 0.1 wrote them: every key present, nulls written out, flat failure fields.
        var failed = Parse("{\"seq\":5,\"ts\":\"2025-01-01T00:00:00.000Z\",\"type\":\"attempt_failed\",\"task\":\"api\",\"attempt\":1,"
            + "\"data\":{\"kind\":\"verification\",\"reason\":\"boom\",\"signature\":\"s\",\"limit\":null,\"command\":\"make\"}}")!;
        var claimed = Parse("{\"seq\":6,\"ts\":\"2025-01-01T00:00:00.000Z\",\"type\":\"task_claimed\",\"task\":\"api\",\"attempt\":2,"
            + "\"data\":{\"owner\":{\"host\":\"h\",\"pid\":1,\"start_time\":2,\"token\":\"t\"},\"kind\":\"fix\",\"takeover\":false}}")!;
        var stageRetry = Parse("{\"seq\":7,\"ts\":\"2025-01-01T00:00:00.000Z\",\"type\":\"attempt_retried\","
            + "\"data\":{\"stage\":\"plan\",\"attempt\":2,\"retry\":1,\"reason\":\"429\",\"delay_s\":3.5}}")!;

        Assert.Equal(new FailureInfo(FailureKind.Verification, "boom", "s", Command: "make"), ((IFailureFields)failed.Body).ToFailure());
        Assert.Equal(new TaskClaimed(new Owner("h", 1, 2, "t"), AttemptKind.Fix, false), claimed.Body);
        Assert.Equal(new AttemptRetried(1, "429", 3.5, Stage.Plan, 2), stageRetry.Body);
    }

    [Fact]
    public void A_type_this_version_does_not_know_is_kept_as_it_was()
    {
        const string line = "{\"seq\":1,\"ts\":\"2025-01-01T00:00:00.000Z\",\"type\":\"from_the_future\",\"data\":{\"x\":[1,2]}}";

        var e = Parse(line)!;

        Assert.Equal("from_the_future", e.Type);
        Assert.Equal(line, e.ToJsonLine());
    }

    [Fact]
    public void Task_attempt_and_data_are_left_out_when_they_do_not_apply()
    {
        var line = new RunEvent(1, DateTimeOffset.UnixEpoch, null, null, new UnknownEvent("probe", null)).ToJsonLine();

        Assert.Equal("{\"seq\":1,\"ts\":\"1970-01-01T00:00:00.000Z\",\"type\":\"probe\"}", line);
    }

    [Fact]
    public void Nulls_are_left_out_and_closed_sets_are_written_by_their_wire_names()
    {
        var line = new RunEvent(1, DateTimeOffset.UnixEpoch, null, null, new RunFinished(RunStatus.WaitingForHuman, null, null)).ToJsonLine();

        Assert.EndsWith("\"type\":\"run_finished\",\"data\":{\"status\":\"waiting_for_human\"}}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_are_written_in_utc()
    {
        var local = new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.FromHours(2));
        var line = new RunEvent(1, local, null, null, new RunResumed()).ToJsonLine();

        Assert.Contains("\"ts\":\"2025-01-01T12:00:00.000Z\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\"}")]
    [InlineData("{\"seq\":1,\"type\":\"x\"}")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\"}")]
    [InlineData("{\"seq\":\"one\",\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\"}")]
    [InlineData("{\"seq\":1,\"ts\":\"yesterday\",\"type\":\"x\"}")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\",\"task\":7}")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\"")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\"} trailing")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"task_merged\",\"data\":{\"commit\":5}}")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"run_finished\",\"data\":[]}")]
    public void Lines_that_are_not_events_parse_as_null(string line) => Assert.Null(Parse(line));

    private static string JsonLine(EventBody body) => Encoding.UTF8.GetString(EventCodec.ToUtf8(new RunEvent(1, EventStream.Start, null, null, body)));
}
