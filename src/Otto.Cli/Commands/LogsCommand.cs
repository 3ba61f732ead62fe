using System.CommandLine;
using System.Globalization;
using Otto.Agents;
using Otto.Reporting;
using Otto.Runs;
using Otto.Secrets;

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
            // The files are redacted when the attempt ends; until then, what is printed is redacted here,
            // each stream with the context of its earlier lines (a private key printed line by line).
            var redactor = Redactor.FromProcess();
            if (parsed.GetValue(Follow)) return await FollowAsync(io, files, raw ? null : AttemptLog.LineRenderer(files), redactor, ct).ConfigureAwait(false);
            if (!raw && AttemptLog.Rendered(files) is { } rendered) Print(io, $"agent ({AttemptLog.Provider(files)})", rendered, tail, redactor);
            else Print(io, "stdout", files.Stdout, tail, redactor);
            Print(io, "stderr", files.Stderr, tail, redactor);
            foreach (var log in Directory.GetFiles(files.Dir, "verify-*.log").Order(StringComparer.Ordinal)) Print(io, Path.GetFileName(log), log, tail, redactor);
            return ExitCodes.Succeeded;
        });
        return command;
    }

    private static void Print(CliIO io, string title, string path, int? tail, Redactor redactor)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return;
        Print(io, title, File.ReadLines(path), tail, redactor);
    }

    private static void Print(CliIO io, string title, IEnumerable<string> lines, int? tail, Redactor redactor)
    {
        io.Out.WriteLine($"==> {title} <==");
        var shown = new StreamRedactor(redactor);
        foreach (var line in tail is { } n ? lines.TakeLast(n) : lines) io.Out.Write(shown.Next(line + "\n"));
    }

    /// <summary>
    /// Prints the agent's stdout as it grows, line by line (rendered when the provider streams JSON) and
    /// redacted; ends when the attempt's exit status is recorded.
    /// </summary>
    private static async Task<int> FollowAsync(CliIO io, AttemptFiles files, Func<string, IEnumerable<string>>? render, Redactor redactor, CancellationToken ct)
    {
        render ??= line => [line];
        var shown = new StreamRedactor(redactor);
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
                // Only whole lines can be parsed and redacted; a partial last line waits for the next read.
                var lines = (pending + text).Split('\n');
                pending = lines[^1];
                foreach (var line in lines[..^1].SelectMany(render)) io.Out.Write(shown.Next(line + "\n"));
                io.Out.Flush();
            }
            if (ended)
            {
                if (pending.Length > 0) foreach (var line in render(pending)) io.Out.Write(shown.Next(line + "\n"));
                return ExitCodes.Succeeded;
            }
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
        return ExitCodes.Interrupted;
    }
}
