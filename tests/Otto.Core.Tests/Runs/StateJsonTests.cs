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
        };
        var state = new RunState
        {
            RunId = "20261121-100000-abcd", Intent = "intent \"quoted\"", CreatedAt = At, BaseBranch = "main", BaseSha = "base", IntegrationBranch = "otto/x",
            PlanOnly = true, Status = RunStatus.Failed, Stage = Stage.Execute, ActiveStage = new StageProgress(Stage.Integrate, 2), LastStageFailure = failure,
            ClassifyAttempts = 1, Classification = new Classification("feature", "small", true, null), PlanAttempts = 2, PlanVersion = 3,
            PlanErrors = ["e1"], SharedFiles = ["tests/conftest.py"], Tasks = [task], IntegrationHead = "ih", IntegrationVerifyAttempts = 1,
            IntegrationVerified = false, IntegrationFailure = failure, CostUsd = 1.5m, Tokens = new TokenCounts(10, 20, 30),
            Outcome = new RunOutcome(RunStatus.Failed, failure), FinishedAt = At.AddMinutes(5), Seq = 77, Offset = 9999,
        };

        var text = StateJsonWriter.Write(state);
        var back = StateJsonReader.TryRead(text);

        Assert.NotNull(back);
        Assert.Equal(text, StateJsonWriter.Write(back));
        Assert.Equal(TaskPhase.WaitingForHuman, back.Tasks[0].Phase);
        Assert.Equal(2, back.Task("stats")!.SignatureCounts["sig-abc"]);
        Assert.Equal(task.Variants, back.Task("stats")!.Variants);
        Assert.Equal(failure, back.Outcome!.Cause);
    }

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
}
