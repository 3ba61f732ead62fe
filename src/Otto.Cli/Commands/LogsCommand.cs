using System.CommandLine;
using System.Globalization;
using Otto.Agents;
using Otto.Reporting;
using Otto.Runs;
using Otto.Secrets;

namespace Otto.Cli.Commands;

/// <summary>
/// `otto logs [RUN] [TASK]`: the run's events, or one task attempt's agent output and verify logs. RUN
/// defaults to the newest run; a single argument that is not a run id is a task of the newest run.
/// Terminal control sequences are stripped from what is printed; `--raw` prints the files as they are.
/// </summary>
public static class LogsCommand
{
    private static readonly Argument<string?> RunArgument = new("run") { Description = "The run id (default: the newest run).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Argument<string?> TaskArgument = new("task") { Description = "A task id (default: the run's events). Alone, a task of the newest run.", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<int?> Attempt = new("--attempt") { Description = "Which attempt (default: the latest).", HelpName = "N" };
    private static readonly Option<int?> Tail = new("--tail") { Description = "Only the last N lines of each log.", HelpName = "N" };
    private static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep printing new output: a task's attempts one after the other until the task ends, or the run's events until the run ends." };
    private static readonly Option<bool> Raw = new("--raw") { Description = "Print the files as they were written: the agent's stream unrendered, terminal control sequences included (secrets stay masked)." };

    public static Command Create(CliIO io)
    {
        var command = new Command("logs", "Show a run's events, or a task attempt's logs.") { RunArgument, TaskArgument, Attempt, Tail, Follow, Raw };
        command.SetAction(async (parsed, ct) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var (runId, taskId) = Target(parsed.GetValue(RunArgument), parsed.GetValue(TaskArgument));
            var paths = home.Run(RunCatalog.Resolve(home, runId));
            var tail = parsed.GetValue(Tail);
            if (tail is < 0) throw new OttoException("--tail must be zero or more");
            var raw = parsed.GetValue(Raw);
            var output = raw ? io.RawOut : io.Out;
            if (taskId is null)
            {
                if (parsed.GetValue(Follow)) return await LogsFollower.FollowEventsAsync(output, paths, raw, ct).ConfigureAwait(false);
                var lines = !raw ? EventLines(new EventLog(paths.Events).ReadAll()) : File.Exists(paths.Events) ? File.ReadLines(paths.Events) : [];
                foreach (var line in tail is { } n ? lines.TakeLast(n) : lines) output.WriteLine(line);
                return ExitCodes.Succeeded;
            }
            var state = new RunJournal(paths).Read();
            var task = state.Task(taskId) ?? throw new OttoException($"run {state.RunId} has no task `{taskId}` (tasks: {string.Join(", ", state.Tasks.Select(t => t.Id))})");
            var attempt = parsed.GetValue(Attempt) ?? task.Attempts;
            var files = new AttemptFiles(paths.AttemptDir(taskId, attempt));
            if (attempt < 1 || !Directory.Exists(files.Dir)) throw new OttoException($"task {taskId} has no attempt {attempt} (it has {task.Attempts})");
            // The files are redacted when the attempt ends; until then, what is printed is redacted here.
            var redactor = Redactor.FromProcess();
            if (parsed.GetValue(Follow)) return await new LogsFollower(output, paths, taskId, raw, redactor).FollowAsync(attempt, ct).ConfigureAwait(false);
            if (!raw && AttemptLog.Rendered(files) is { } rendered) Print(output, $"agent ({AttemptLog.Provider(files)})", rendered, tail, redactor);
            else Print(output, "stdout", files.Stdout, tail, redactor);
            Print(output, "stderr", files.Stderr, tail, redactor);
            PrintVerifyLogs(output, files, tail, redactor);
            return ExitCodes.Succeeded;
        });
        return command;
    }

    /// <summary>Run ids have one shape (YYYYMMDD-HHMMSS-xxxx), so a lone argument of another shape is a task.</summary>
    public static (string? RunId, string? TaskId) Target(string? first, string? second)
    {
        if (second is not null) return (first, second);
        return first is not null && !RunId.IsValid(first) ? (null, first) : (first, null);
    }

    public static IEnumerable<string> EventLines(IEnumerable<RunEvent> events) => events
        .Select(e => EventText.Describe(e) is { } line ? $"{e.Seq,5} {e.Ts.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line}" : null)
        .OfType<string>();

    public static void PrintVerifyLogs(TextWriter output, AttemptFiles files, int? tail, Redactor redactor)
    {
        if (!Directory.Exists(files.Dir)) return;
        foreach (var log in Directory.GetFiles(files.Dir, "verify-*.log").Order(StringComparer.Ordinal)) Print(output, Path.GetFileName(log), log, tail, redactor);
    }

    private static void Print(TextWriter output, string title, string path, int? tail, Redactor redactor)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return;
        Print(output, title, File.ReadLines(path), tail, redactor);
    }

    private static void Print(TextWriter output, string title, IEnumerable<string> lines, int? tail, Redactor redactor)
    {
        output.WriteLine($"==> {title} <==");
        // Each line with the context of the ones before it: a private key printed line by line is masked whole.
        var shown = new StreamRedactor(redactor);
        foreach (var line in tail is { } n ? lines.TakeLast(n) : lines) output.WriteLine(shown.NextLine(line));
    }
}
