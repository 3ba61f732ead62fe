using System.Globalization;
using Otto.Runs;

namespace Otto.Scheduling;

/// <summary>
/// limits.max_questions: how many of a task's questions (outcome needs_human) a human may answer. Asking is
/// not failing, so without this bound a task could ask, be answered and ask again past max_attempts forever.
/// A task that asks once more than the limit fails with cause `limit` instead of waiting for an answer that
/// could not be used; one answered past it anyway (the answer came in before otto decided) fails before
/// its next attempt starts.
/// </summary>
public static class QuestionRules
{
    public static IEnumerable<FailTask> PastLimit(RunState state, SchedulerPolicy policy) =>
        state.Tasks
            .Where(t => !t.IsTerminal && t.Claim is null && t.Questions > policy.MaxQuestions)
            .Select(t => new FailTask(t.Id, Cause(t, policy.MaxQuestions), Breaker: false));

    private static FailureInfo Cause(TaskState task, int maxQuestions)
    {
        var allowed = maxQuestions switch
        {
            0 => "no answers",
            1 => "1 answer",
            _ => $"{maxQuestions.ToString(CultureInfo.InvariantCulture)} answers",
        };
        var reason = $"task {task.Id} asked a human {Times(task.Questions)}, and limits.max_questions allows {allowed} per task"
            + (task.Question is { Length: > 0 } question ? $"; its last question: {question}" : "");
        return new FailureInfo(FailureKind.Limit, reason, "max_questions", new LimitHit("max_questions", maxQuestions.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Times(int count) => count == 1 ? "once" : $"{count.ToString(CultureInfo.InvariantCulture)} times";
}
