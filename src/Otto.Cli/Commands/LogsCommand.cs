using System.CommandLine;
using System.Globalization;
using Otto.Agents;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto logs RUN [TASK]`: the run's events, or one task attempt's agent output and verify logs.</summary>
public static class LogsCommand
{
    private static readonly Argument<string> RunArgument = new("run") { Description = "The run id." };
    private static readonly Argument<string?> TaskArgument = new("task") { Description = "A task id (default: the run's events).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<int?> Attempt = new("--attempt") { Description = "Which attempt (default: the latest)." };
    private static readonly Option<int?> Tail = new("--tail") { Description = "Only the last N lines of each log." };
    private static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep printing new output until the attempt ends." };
    private static readonly Option<bool> Raw = new("--raw") { Description = "The agent's raw output, as it wrote it." };

    public static Command Create(CliIO io)
    {
        var command = new Command("logs", "Show a run's events, or a task attempt's logs.") { RunArgument, TaskArgument, Attempt, Tail, Follow, Raw };
        command.SetAction(async (parsed, ct) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            var tail = parsed.GetValue(Tail);
            if (tail is < 0) throw new OttoException("--tail must be zero or more");
            if (parsed.GetValue(TaskArgument) is not { } taskId)
            {
                var lines = new EventLog(paths.Events).ReadAll()
                    .Select(e => EventText.Describe(e) is { } line ? $"{e.Seq,5} {e.Ts.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line}" : null)
                    .OfType<string>().ToList();
                foreach (var line in tail is { } n ? lines.TakeLast(n) : lines) io.Out.WriteLine(line);
                return ExitCodes.Succeeded;
            }
            var state = new RunJournal(paths).Read();
            var task = state.Task(taskId) ?? throw new OttoException($"run {state.RunId} has no task `{taskId}` (tasks: {string.Join(", ", state.Tasks.Select(t => t.Id))})");
            var attempt = parsed.GetValue(Attempt) ?? task.Attempts;
            var files = new AttemptFiles(paths.AttemptDir(taskId, attempt));
            if (attempt < 1 || !Directory.Exists(files.Dir)) throw new OttoException($"task {taskId} has no attempt {attempt} (it has {task.Attempts})");
            var raw = parsed.GetValue(Raw);
            if (parsed.GetValue(Follow)) return await FollowAsync(io, files, raw ? null : AttemptLog.LineRenderer(files), ct).ConfigureAwait(false);
            if (!raw && AttemptLog.Rendered(files) is { } rendered) Print(io, $"agent ({AttemptLog.Provider(files)})", rendered, tail);
            else Print(io, "stdout", files.Stdout, tail);
            Print(io, "stderr", files.Stderr, tail);
            foreach (var log in Directory.GetFiles(files.Dir, "verify-*.log").Order(StringComparer.Ordinal)) Print(io, Path.GetFileName(log), log, tail);
            return ExitCodes.Succeeded;
        });
        return command;
    }

    private static void Print(CliIO io, string title, string path, int? tail)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return;
        Print(io, title, File.ReadLines(path), tail);
    }

    private static void Print(CliIO io, string title, IEnumerable<string> lines, int? tail)
    {
        io.Out.WriteLine($"==> {title} <==");
        foreach (var line in tail is { } n ? lines.TakeLast(n) : lines) io.Out.WriteLine(line);
    }

    /// <summary>
    /// Prints the agent's stdout as it grows (rendered line by line when the provider streams JSON);
    /// ends when the attempt's exit status is recorded.
    /// </summary>
    private static async Task<int> FollowAsync(CliIO io, AttemptFiles files, Func<string, IEnumerable<string>>? render, CancellationToken ct)
    {
        var pending = "";
        long offset = 0;
        while (!ct.IsCancellationRequested)
        {
            var ended = File.Exists(files.ExitCode);
            if (File.Exists(files.Stdout))
            {
                await using var stream = new FileStream(files.Stdout, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                stream.Seek(offset, SeekOrigin.Begin);
                using var reader = new StreamReader(stream);
                var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
                offset = stream.Position;
                if (render is null) io.Out.Write(text);
                else
                {
                    // Only whole lines can be parsed; a partial last line waits for the next read.
                    var lines = (pending + text).Split('\n');
                    pending = lines[^1];
                    foreach (var line in lines[..^1].SelectMany(render)) io.Out.WriteLine(line);
                }
                io.Out.Flush();
            }
            if (ended)
            {
                if (render is not null && pending.Length > 0) foreach (var line in render(pending)) io.Out.WriteLine(line);
                return ExitCodes.Succeeded;
            }
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
        return ExitCodes.Interrupted;
    }
}
