using System.Collections.Immutable;
using Otto.Runs;

namespace Otto.Tests.Runs;

public sealed class StateJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void A_state_with_every_field_set_survives_a_round_trip()
    {
        var failure = new FailureInfo(FailureKind.Verification, "FAIL\n  expected 6, got 3", "sig-abc", new LimitHit("max_attempts", "3"), "stats", Fatal: true, Command: "sh ./test.sh");
        var task = new TaskState
        {
            Id = "stats", Title = "Sum", Description = "d", Role = TaskRole.Feature, DependsOn = ["core"], OwnedPaths = ["lib/**"], Acceptance = ["a"],
            Branch = "otto/tasks/r/stats", Order = 1, BestOf = 2, Phase = TaskPhase.WaitingForHuman, Attempts = 2,
            Claim = new Claim(2, new Owner("host", 42, 12345, "tok"), AttemptKind.Fix, At), Step = AttemptStep.Committed,
            Agent = new AgentProcessInfo(43, 678, At), TransientRetries = 1, HeadCommit = "h", MergedCommit = "m", LastFailure = failure,
            SignatureCounts = ImmutableDictionary<string, int>.Empty.Add("sig-abc", 2), PendingConflict = new ConflictInfo(["a.txt"], "sha"),
            Question = "q?", Answer = "a!", Summary = "s", SessionId = "sess", CostUsd = 0.125m, Tokens = new TokenCounts(1, 2, 3),
            Variants = [new VariantResult(2, 1, "command", "c1", false, failure, null, "tried"), new VariantResult(2, 2, "claude", null, false, null, "which?", null)],
            Added = true, Round = new TaskRound(new FixRound(FixSource.Review, 2, "review round 2 found 1", failure, [Finding], "ih"), 3, Reopened: true),
            UncountedAttempts = 1, AmendmentRound = true, StartOnTopOf = "top",
        };
        var state = new RunState
        {
            RunId = "20261121-100000-abcd", Intent = "intent \"quoted\"", CreatedAt = At, BaseBranch = "main", BaseSha = "base", IntegrationBranch = "otto/x",
            PlanOnly = true, Status = RunStatus.Failed, Stage = Stage.Execute, ActiveStage = new StageProgress(Stage.Integrate, 2), LastStageFailure = failure,
            ClassifyAttempts = 1, Classification = new Classification("feature", "small", true, null), PlanAttempts = 2, PlanVersion = 3,
            PlanErrors = ["e1"], SharedFiles = ["tests/conftest.py"], Tasks = [task],
            Contracts = [new PlannedContract("lib/calc.sh", "core")],
            Amendments =
            [
                new Amendment(1, "stats", 1, "lib/calc.sh", "add sub", "why", "core", null) { Status = AmendmentStatus.Made, DeliveredIn = 2, Commit = "c" },
                new Amendment(2, "stats", 2, "README.md", "x", null, null, "no task owns it") { Status = AmendmentStatus.Refused, Refusal = "no", Limit = new LimitHit("max_amendments", "1") },
            ], IntegrationHead = "ih", IntegrationVerifyAttempts = 1,
            IntegrationVerified = false, IntegrationFailure = failure, CostUsd = 1.5m, Tokens = new TokenCounts(10, 20, 30),
            Outcome = new RunOutcome(RunStatus.Failed, failure), FinishedAt = At.AddMinutes(5), Seq = 77, Offset = 9999,
            IntegrationFixRounds = 2, IntegrationAttemptsBefore = 3, PausedFor = TimeSpan.FromSeconds(90.5),
            Review = new ReviewProgress(true, 2, 3, 1, new ReviewFinished(2, 3, "ih", "request_changes", "sum", [Finding], "review-2.json"), 1, Accepted: 4),
            Pr = new PrProgress(1, new PrFeedback(1, 7, "ih", [Finding with { Path = null, Line = null, Id = "check:ci", Url = "u", Author = "ci" }]), 1),
        };

        var text = StateJsonWriter.Write(state);
        var back = StateJsonReader.TryRead(text);

        Assert.NotNull(back);
        Assert.Equal(text, StateJsonWriter.Write(back));
        Assert.Equal(TaskPhase.WaitingForHuman, back.Tasks[0].Phase);
        Assert.Equal(2, back.Task("stats")!.SignatureCounts["sig-abc"]);
        Assert.Equal(task.Variants, back.Task("stats")!.Variants);
        Assert.Equal(failure, back.Outcome!.Cause);
        Assert.Equal(task.Round! with { Round = task.Round.Round with { Findings = null } }, back.Tasks[0].Round! with { Round = back.Tasks[0].Round!.Round with { Findings = null } });
        Assert.Equal(task.Round.Round.Findings!, back.Tasks[0].Round!.Round.Findings!);
        Assert.Equal(state.Review.Last!.Findings, back.Review.Last!.Findings);
        Assert.Equal(state.Pr.Last!.Findings, back.Pr.Last!.Findings);
        Assert.Equal(state.PausedFor, back.PausedFor);
        Assert.Equal(state.Amendments, back.Amendments);
        Assert.Equal((1, true, "top"), (back.Tasks[0].UncountedAttempts, back.Tasks[0].AmendmentRound, back.Tasks[0].StartOnTopOf));
    }

    private static readonly Finding Finding = new("lib/a.sh", 4, "blocker", "wrong \"quoted\"", "stats");

    [Fact]
    public void Replan_rounds_and_pilot_consultations_survive_a_round_trip()
    {
        var failure = new FailureInfo(FailureKind.Breaker, "boom", "sig", new LimitHit("signature_limit", "3"), "api");
        var state = new RunState
        {
            RunId = "20261121-100000-abcd",
            Recovery = new RecoveryState
            {
                Replans = 2, ReplanStageAttempts = 3, PilotStageAttempts = 2,
                OpenReplan = new ReplanRound(2, 3, DecidedBy.Pilot, "api", failure),
                RequestedReplan = new ReplanRequest(DecidedBy.Rules, null),
                Retired = [new RetiredTask("api", "The API", TaskPhase.Failed, 3, 1, failure)],
                Consultations =
                [
                    new PilotConsultation(1, PilotBoundary.SameSignature, "same_signature:api:sig", "api", 1,
                        new PilotVerdict(PilotAction.RetryWithGuidance, DecidedBy.Pilot, "try again", "api", "check the port", "why", null)),
                    new PilotConsultation(2, PilotBoundary.Budget, "budget:run_budget", null, 2, null),
                ],
            },
        };

        var text = StateJsonWriter.Write(state);
        var back = StateJsonReader.TryRead(text)!;

        Assert.Equal(text, StateJsonWriter.Write(back));
        Assert.Equal(failure, back.Recovery.OpenReplan!.Cause);
        Assert.Equal(TaskPhase.Failed, back.Recovery.Retired[0].Phase);
        Assert.Equal("check the port", back.Recovery.Consultations[0].Decision!.Guidance);
        Assert.Equal(2, back.Recovery.OpenConsultation!.Number);
    }

    [Fact]
    public void A_run_that_never_met_a_failure_boundary_writes_no_recovery() =>
        Assert.DoesNotContain("recovery", StateJsonWriter.Write(new RunState { RunId = "20261121-100000-abcd" }), StringComparison.Ordinal);

    [Fact]
    public void A_fresh_state_survives_a_round_trip()
    {
        var state = new RunState { RunId = "20261121-100000-abcd" };
        Assert.Equal(StateJsonWriter.Write(state), StateJsonWriter.Write(StateJsonReader.TryRead(StateJsonWriter.Write(state))!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"run_id\": \"x\"}")]
    public void An_unreadable_cache_is_null_so_the_log_is_folded_instead(string text)
    {
        Assert.Null(StateJsonReader.TryRead(text));
    }

    private static string TwoTasks() => StateJsonWriter.Write(new RunState
    {
        RunId = "20261121-100000-abcd",
        Tasks =
        [
            new TaskState { Id = "a", Title = "A", LastFailure = new FailureInfo(FailureKind.Verification, "x", "sig", new LimitHit("max_attempts", "2")), Tokens = new TokenCounts(1, 2, 3) },
            new TaskState { Id = "b", DependsOn = ["a"], SignatureCounts = ImmutableDictionary<string, int>.Empty.Add("s1", 1).Add("s2", 2) },
        ],
    });

    [Theory]
    [InlineData("\"order\":0", "\"order\":0,\"from_a_newer_otto\":1")]  // a task field this otto does not know
    [InlineData("\"attempts\":0", "\"attempts\":\"0\"")]                 // a field of the wrong type
    [InlineData("]}", "],\"after\":[1]}")]                                  // an array after the tasks, which otto writes last
    [InlineData("\"id\":\"b\"", "\"id\":null")]                           // a task without an id
    [InlineData("\"phase\":\"pending\",", "")]                               // a field the writer always writes, missing (another writer)
    [InlineData("\"fatal\":false,", "")]                                     // the same in a failure
    [InlineData("\"run_id\"", "\"paused_for_s\":1e300,\"run_id\"")]         // a number out of range
    public void A_cache_whose_tasks_this_otto_cannot_read_exactly_is_null(string find, string replace)
    {
        var text = TwoTasks();
        Assert.Contains(find, text, StringComparison.Ordinal);
        Assert.Null(StateJsonReader.TryRead(text.Replace(find, replace, StringComparison.Ordinal)));
    }

    [Fact]
    public void Tasks_read_in_one_pass_match_the_state_written_also_with_whitespace_and_in_another_order()
    {
        var text = TwoTasks();
        var back = StateJsonReader.TryRead(text)!;
        Assert.Equal(text, StateJsonWriter.Write(back));
        Assert.Equal(2, back.Task("b")!.SignatureCounts["s2"]);
        Assert.Equal(new LimitHit("max_attempts", "2"), back.Task("a")!.LastFailure!.Limit);

        var indented = System.Text.Json.Nodes.JsonNode.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.Equal(text, StateJsonWriter.Write(StateJsonReader.TryRead(indented + "\n\n")!));

        // tasks first instead of last: found by skipping, not by the document's end
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        var tasks = node["tasks"]!;
        node.Remove("tasks");
        var reordered = new System.Text.Json.Nodes.JsonObject { ["tasks"] = tasks.DeepClone() };
        foreach (var (key, value) in node) reordered[key] = value?.DeepClone();
        Assert.Equal(text, StateJsonWriter.Write(StateJsonReader.TryRead(reordered.ToJsonString())!));
    }
}
