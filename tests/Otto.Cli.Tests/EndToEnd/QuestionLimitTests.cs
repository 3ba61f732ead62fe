using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 11, questions: an agent that asks a human every time (outcome needs_human) is answered
/// limits.max_questions times; asking once more fails the task with cause `limit` naming max_questions,
/// instead of waiting for answers past max_attempts forever.
/// </summary>
public sealed class QuestionLimitTests
{
    private const string AlwaysAsks = """
        files: { lib/work.sh: "echo work\n" }
        status: { outcome: needs_human, question: "Which shell should lib/work.sh target?" }
        """;

    [Fact]
    public async Task A_task_that_keeps_asking_fails_with_cause_limit_after_max_questions_answers()
    {
        using var project = OttoProject.Create(
            Scenarios.OneTask("work", AlwaysAsks),
            new Dictionary<string, string> { ["max_questions"] = "2", ["max_attempts"] = "2" });

        var first = await project.BuildAsync("a question loop");
        Assert.True(first.ExitCode == 3, first.ToString());
        var run = project.SingleRun();
        for (var answered = 1; answered <= 2; answered++)
        {
            var answer = await project.OttoAsync("answer", run.Id, "work", $"POSIX sh (answer {answered})");
            Assert.True(answer.ExitCode == 0, answer.ToString());
            var resumed = await project.OttoAsync("resume", run.Id);
            var expected = answered < 2 ? 3 : 1;
            Assert.True(resumed.ExitCode == expected, $"after answer {answered}: {resumed}");
        }

        Assert.Equal("failed", (string?)run.Final["status"]);
        Assert.Equal("limit", (string?)run.Cause["kind"]);
        Assert.Equal("work", (string?)run.Cause["task"]);
        Assert.Equal("max_questions", (string?)run.Cause["limit"]!["name"]);
        Assert.Equal("2", (string?)run.Cause["limit"]!["value"]);
        Assert.Equal(
            "task work asked a human 3 times, and limits.max_questions allows 2 answers per task; its last question: Which shell should lib/work.sh target?",
            (string?)run.Final["reason"]);
        Assert.Equal(3, run.AttemptCount("work"));
        Assert.Equal(2, run.EventsOf("human_answered", "work").Count);
    }

    [Fact]
    public async Task With_max_questions_zero_the_first_question_fails_the_task_without_waiting()
    {
        using var project = OttoProject.Create(
            Scenarios.OneTask("work", AlwaysAsks), new Dictionary<string, string> { ["max_questions"] = "0" });

        var build = await project.BuildAsync("no questions allowed");

        Assert.True(build.ExitCode == 1, build.ToString());
        var run = project.SingleRun();
        Assert.Equal("limit", (string?)run.Cause["kind"]);
        Assert.Equal("max_questions", (string?)run.Cause["limit"]!["name"]);
        Assert.StartsWith("task work asked a human once, and limits.max_questions allows no answers per task", (string?)run.Final["reason"], StringComparison.Ordinal);
        Assert.Equal(1, run.AttemptCount("work"));
    }
}
