using Otto.Runs;
using Otto.Scheduling;
using Otto.Tests.Support;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>limits.max_questions: a task's questions (needs_human) get at most that many answers; asking once
/// more fails the task with cause limit, instead of a loop of questions that never spends an attempt.</summary>
public sealed class SchedulerQuestionTests
{
    /// <summary>The task asks on each of <paramref name="questions"/> attempts; all but the last are answered.</summary>
    private static EventStream Asks(int questions, bool answerTheLast = false)
    {
        var stream = new EventStream().Started().Plan("api");
        for (var attempt = 1; attempt <= questions; attempt++)
        {
            stream.Claim("api", attempt, $"api-{attempt}").AgentStarted("api", attempt).AgentFinished("api", attempt)
                .Committed("api", attempt, $"c{attempt}").Add(new TaskWaiting($"question {attempt}: which database?"), "api", attempt);
            if (attempt < questions || answerTheLast) stream.Add(new HumanAnswered("postgres"), "api");
        }
        return stream;
    }

    [Fact]
    public void The_fold_counts_every_question_a_task_asked()
    {
        var task = Asks(3).Fold().Task("api")!;

        Assert.Equal((3, TaskPhase.WaitingForHuman, "question 3: which database?"), (task.Questions, task.Phase, task.Question));
    }

    [Fact]
    public void Answered_questions_up_to_the_limit_lead_to_a_new_attempt_even_past_max_attempts()
    {
        var state = Asks(2, answerTheLast: true).Fold();

        var decisions = Decide(state, Policy(maxAttempts: 1) with { MaxQuestions = 2 });

        Assert.Empty(decisions.OfType<FailTask>());
        Assert.Equal(new StartAttempt("api", 3, AttemptKind.Fix, false), Assert.Single(decisions.OfType<StartAttempt>()));
    }

    [Fact]
    public void A_question_asked_once_more_than_the_limit_fails_the_task_naming_max_questions()
    {
        var state = Asks(3).Fold();

        var fail = Assert.Single(Decide(state, Policy() with { MaxQuestions = 2 }).OfType<FailTask>());

        Assert.Equal("api", fail.TaskId);
        Assert.False(fail.Breaker);
        Assert.Equal(FailureKind.Limit, fail.Cause.Kind);
        Assert.Equal(new LimitHit("max_questions", "2"), fail.Cause.Limit);
        Assert.Equal("task api asked a human 3 times, and limits.max_questions allows 2 answers per task; its last question: question 3: which database?", fail.Cause.Reason);
    }

    [Fact]
    public void The_failed_task_is_recorded_and_the_run_ends_failed_instead_of_waiting()
    {
        var stream = Asks(2);
        var policy = Policy() with { MaxQuestions = 1 };
        var (events, _) = DecisionEvents.For(stream.Fold(), Decide(stream.Fold(), policy), () => EventStream.Owner("x"));
        foreach (var e in events) stream.Add(e.Body, e.Task, e.Attempt);

        var after = stream.Fold();
        var ending = Decide(after, policy);

        Assert.Equal(TaskPhase.Failed, after.Task("api")!.Phase);
        var finish = Assert.Single(ending.OfType<FinishRun>());
        Assert.Equal((RunStatus.Failed, "max_questions"), (finish.Status, finish.Cause?.Limit?.Name));
        Assert.Empty(ending.OfType<WaitForHuman>());
    }

    [Fact]
    public void With_max_questions_0_the_first_question_fails_the_task()
    {
        var fail = Assert.Single(Decide(Asks(1).Fold(), Policy() with { MaxQuestions = 0 }).OfType<FailTask>());

        Assert.StartsWith("task api asked a human once, and limits.max_questions allows no answers per task", fail.Cause.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_answered_past_the_limit_fails_before_its_next_attempt_starts()
    {
        // The answer came in before any otto process decided on the extra question.
        var state = Asks(3, answerTheLast: true).Fold();

        var decisions = Decide(state, Policy() with { MaxQuestions = 2 });

        Assert.Equal("api", Assert.Single(decisions.OfType<FailTask>()).TaskId);
        Assert.Empty(decisions.OfType<StartAttempt>());
    }

    [Fact]
    public void A_question_within_the_limit_waits_for_its_answer()
    {
        var decisions = Decide(Asks(2).Fold(), Policy() with { MaxQuestions = 2 });

        Assert.Equal(["api"], Assert.Single(decisions.OfType<WaitForHuman>()).TaskIds);
        Assert.Empty(decisions.OfType<FailTask>());
    }
}
