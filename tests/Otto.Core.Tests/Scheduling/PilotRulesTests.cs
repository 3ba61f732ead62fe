using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>When the pilot is asked, what waits for it, and how its answers are judged against the limits.</summary>
public sealed class PilotRulesTests
{
    private static readonly SchedulerPolicy WithPilot = Policy(maxAttempts: 4) with { MaxReplans = 1, HasPilot = true };

    private static readonly FailureInfo Same = new(FailureKind.Verification, "connection refused", "sig-db");

    private static TaskState TwiceTheSame() => Task("api").FailedAttempt(1, Same).FailedAttempt(2, Same);

    private static PilotConsultation Asked(PilotBoundary boundary, string key, string? task = "api") => new(1, boundary, key, task, 1, null);

    private static RunState WithConsultation(RunState state, PilotConsultation consultation) =>
        state with { Recovery = state.Recovery with { Consultations = [consultation], PilotStageAttempts = consultation.FirstAttempt } };

    [Fact]
    public void The_same_signature_twice_asks_the_pilot_and_holds_the_task()
    {
        var decisions = Decide(Run(TwiceTheSame()), WithPilot);

        Assert.Equal([new AskPilot(1, PilotBoundary.SameSignature, "same_signature:api:sig-db", "api"), new RunStage(Stage.Pilot, 1, Continue: false)], decisions);
    }

    [Fact]
    public void Without_a_pilot_the_task_simply_tries_again() =>
        Assert.Equal(["api"], Decide(Run(TwiceTheSame()), WithPilot with { HasPilot = false }).Started());

    [Fact]
    public void While_the_pilot_is_asked_the_task_does_not_start_but_others_do()
    {
        var state = WithConsultation(Run(TwiceTheSame(), Task("docs")), Asked(PilotBoundary.SameSignature, "same_signature:api:sig-db"))
            with { ActiveStage = new StageProgress(Stage.Pilot, 1) };

        var decisions = Decide(state, WithPilot);

        Assert.Contains(new RunStage(Stage.Pilot, 1, Continue: true), decisions);
        Assert.Equal(["docs"], decisions.Started());
    }

    [Fact]
    public void A_boundary_already_answered_is_not_asked_again()
    {
        var decided = Asked(PilotBoundary.SameSignature, "same_signature:api:sig-db") with
        {
            Decision = new PilotVerdict(PilotAction.RetryWithGuidance, DecidedBy.Pilot, "try again", "api", "check the port", null, null),
        };

        Assert.Equal(["api"], Decide(WithConsultation(Run(TwiceTheSame()), decided), WithPilot).Started());
    }

    [Fact]
    public void A_pilot_without_a_valid_answer_twice_is_replaced_by_the_rules()
    {
        var state = WithConsultation(Run(Task("core").FailedTask("FAIL")), Asked(PilotBoundary.TaskFailed, "task_failed:v1", "core") with { FirstAttempt = 1 })
            with { LastStageFailure = new FailureInfo(FailureKind.Contract, ".ai/decision.json was not written") };
        state = state with { Recovery = state.Recovery with { PilotStageAttempts = 2 } };

        var decided = Assert.IsType<DecideBoundary>(Assert.Single(Decide(state, WithPilot))).Decided;

        Assert.Equal(PilotAction.Replan, decided.Action);
        Assert.Equal(DecidedBy.Rules, decided.By);
        Assert.Contains(".ai/decision.json was not written", decided.Overruled, StringComparison.Ordinal);
    }

    [Fact]
    public void A_give_up_ends_the_run_with_the_tasks_failure()
    {
        var gaveUp = Asked(PilotBoundary.SameSignature, "same_signature:api:sig-db") with
        {
            Decision = new PilotVerdict(PilotAction.GiveUp, DecidedBy.Pilot, "the run ends failed", "api", null, "hopeless", null),
        };

        var finish = Assert.IsType<FinishRun>(Assert.Single(Decide(WithConsultation(Run(TwiceTheSame()), gaveUp), WithPilot)));

        Assert.Equal("connection refused", finish.Cause!.Reason);
    }

    [Fact]
    public void Eighty_percent_of_the_run_budget_asks_the_pilot_once()
    {
        var state = Run(Task("api").ClaimedBy("other"));
        var policy = WithPilot with { RunBudget = TimeSpan.FromMinutes(10) };

        Assert.DoesNotContain(Decide(state, policy, T0.AddMinutes(7)), d => d is AskPilot);
        Assert.Contains(new AskPilot(1, PilotBoundary.Budget, "budget:run_budget", null), Decide(state, policy, T0.AddMinutes(8)));
    }

    [Fact]
    public void A_give_up_at_a_budget_names_the_limit()
    {
        var gaveUp = Asked(PilotBoundary.Budget, "budget:max_cost_usd", null) with
        {
            Decision = new PilotVerdict(PilotAction.GiveUp, DecidedBy.Pilot, "the run ends failed", null, null, "too expensive", null),
        };

        var finish = Assert.IsType<FinishRun>(Assert.Single(Decide(WithConsultation(Run(Task("api")), gaveUp), WithPilot)));

        Assert.Equal(FailureKind.Limit, finish.Cause!.Kind);
        Assert.Equal("max_cost_usd", finish.Cause.Limit!.Name);
        Assert.Contains("too expensive", finish.Cause.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PilotAction.RetryWithGuidance, PilotAction.RetryWithGuidance, DecidedBy.Pilot)]
    [InlineData(PilotAction.AskHuman, PilotAction.AskHuman, DecidedBy.Pilot)]
    [InlineData(PilotAction.Replan, PilotAction.Replan, DecidedBy.Pilot)]
    [InlineData(PilotAction.Split, PilotAction.Split, DecidedBy.Pilot)]
    [InlineData(PilotAction.GiveUp, PilotAction.GiveUp, DecidedBy.Pilot)]
    public void Answers_within_the_limits_are_carried_out(PilotAction action, PilotAction done, DecidedBy by)
    {
        var decided = PilotJudge.Judge(Run(TwiceTheSame()), WithPilot, Asked(PilotBoundary.SameSignature, "k"), new PilotAnswer(action, null, "check the port", "why"));

        Assert.Equal((done, by), (decided.Action, decided.By));
        Assert.Null(decided.Overruled);
        Assert.Equal("api", decided.Task);
    }

    [Fact]
    public void A_retry_past_max_attempts_is_overruled()
    {
        var spent = Task("api").FailedTask() with { Attempts = 4 };

        var decided = PilotJudge.Judge(Run(spent), WithPilot, Asked(PilotBoundary.TaskFailed, "task_failed:v1"), new PilotAnswer(PilotAction.RetryWithGuidance, "api", "once more", null));

        Assert.Equal((PilotAction.Replan, DecidedBy.Rules), (decided.Action, decided.By));
        Assert.Contains("a pilot cannot add attempts", decided.Overruled, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replan_past_max_replans_is_overruled_and_the_rules_give_up()
    {
        var state = Run(Task("api").FailedTask()) with { Recovery = new RecoveryState { Replans = 1 } };

        var decided = PilotJudge.Judge(state, WithPilot, Asked(PilotBoundary.TaskFailed, "task_failed:v1"), new PilotAnswer(PilotAction.Split, "api", null, null));

        Assert.Equal((PilotAction.GiveUp, DecidedBy.Rules), (decided.Action, decided.By));
        Assert.Contains("limits.max_replans", decided.Overruled, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "'nope' is not a task")]
    [InlineData("core", "already merged")]
    public void An_answer_naming_a_wrong_task_is_overruled(string task, string why)
    {
        var decided = PilotJudge.Judge(Run(Task("core").Merged(), TwiceTheSame()), WithPilot, Asked(PilotBoundary.SameSignature, "k"),
            new PilotAnswer(PilotAction.RetryWithGuidance, task, "x", null));

        Assert.Equal(DecidedBy.Rules, decided.By);
        Assert.Contains(why, decided.Overruled, StringComparison.Ordinal);
    }

    [Fact]
    public void At_a_budget_only_carry_on_or_give_up()
    {
        var decided = PilotJudge.Judge(Run(Task("api")), WithPilot, Asked(PilotBoundary.Budget, "budget:run_budget", null), new PilotAnswer(PilotAction.Replan, null, null, null));

        Assert.Equal((PilotAction.RetryWithGuidance, "carry on"), (decided.Action, decided.Outcome));
        Assert.NotNull(decided.Overruled);
    }
}
