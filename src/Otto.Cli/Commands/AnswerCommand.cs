using System.CommandLine;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto answer RUN TASK "TEXT"`: answer a task that asked for a human; `otto resume` continues it.</summary>
public static class AnswerCommand
{
    private static readonly Argument<string> RunArgument = new("run") { Description = "The run id." };
    private static readonly Argument<string> TaskArgument = new("task") { Description = "The task that asked." };
    private static readonly Argument<string> Text = new("text") { Description = "Your answer." };

    public static Command Create(CliIO io)
    {
        var command = new Command("answer", "Answer a task that asked for a human.") { RunArgument, TaskArgument, Text };
        command.SetAction(parsed =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            var taskId = parsed.GetValue(TaskArgument)!;
            var answer = parsed.GetValue(Text)!;
            if (string.IsNullOrWhiteSpace(answer)) throw new OttoException("the answer is empty");
            new RunJournal(paths).Commit(state =>
            {
                var task = state.Task(taskId) ?? throw new OttoException($"run {state.RunId} has no task `{taskId}`");
                if (task.Phase != TaskPhase.WaitingForHuman) throw new OttoException($"task {taskId} is not waiting for an answer");
                return [new NewEvent(new HumanAnswered(answer), taskId)];
            });
            io.Err.WriteLine($"answered {taskId}; continue the run with `otto resume {paths.RunId}`");
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
