using Otto.Agents;
using Otto.Reporting;
using Otto.Runs;
using Otto.Secrets;

namespace Otto.Cli.Commands;

/// <summary>
/// `otto logs --follow`. For a task: prints the agent's stdout as it grows (rendered when the provider
/// streams JSON, redacted), then the attempt's verify logs, then carries on with the next attempt (a
/// fix), until the task has no further attempt coming: it merged, failed, was blocked or skipped, asks
/// a human, or nothing drives the run any more. For a run: its events until it ends.
/// </summary>
public sealed class LogsFollower(TextWriter output, RunPaths paths, string taskId, bool raw, Redactor redactor)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The attempt's output so far, as context: a private key printed line by line is masked whole.</summary>
    private StreamRedactor _shown = new(redactor);

    public async Task<int> FollowAsync(int attempt, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var files = new AttemptFiles(paths.AttemptDir(taskId, attempt));
                output.WriteLine($"==> {taskId} attempt {attempt} <==");
                var next = await FollowAttemptAsync(files, attempt, ct).ConfigureAwait(false);
                LogsCommand.PrintVerifyLogs(output, files, tail: null, redactor);
                output.Flush();
                if (next is null) return ExitCodes.Succeeded;
                attempt = next.Value;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>Prints one attempt's stdout until it is over; returns the next attempt's number, or null
    /// when none will come. The agent's exit alone does not end it: a transient retry starts the same
    /// attempt's agent again (its earlier output moves to try-N, and stdout.log starts anew).</summary>
    private async Task<int?> FollowAttemptAsync(AttemptFiles files, int attempt, CancellationToken ct)
    {
        Func<string, IEnumerable<string>>? render = null;
        _shown = new StreamRedactor(redactor);
        var pending = "";
        long offset = 0;
        while (true)
        {
            // The provider is known once invocation.json is written, at launch.
            if (!raw) render ??= AttemptLog.LineRenderer(files);
            (offset, pending) = await PrintNewAsync(files.Stdout, offset, pending, render, ct).ConfigureAwait(false);
            var state = new RunJournal(paths).Read();
            var task = state.Task(taskId);
            var moved = task is not null && task.Attempts > attempt && Directory.Exists(paths.AttemptDir(taskId, attempt + 1));
            if (moved || task is null || NoMoreAttempts(task, state))
            {
                (offset, pending) = await PrintNewAsync(files.Stdout, offset, pending, render, ct).ConfigureAwait(false);
                if (pending.Length > 0) Write(pending, render);
                return moved ? attempt + 1 : null;
            }
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    private bool NoMoreAttempts(TaskState task, RunState state)
    {
        if (state.IsFinished || task.IsTerminal || task.Phase == TaskPhase.WaitingForHuman) return true;
        return StatusView.StatusOf(paths, state) is RunStatus.Stale or RunStatus.Planned;
    }

    private async Task<(long Offset, string Pending)> PrintNewAsync(string path, long offset, string pending, Func<string, IEnumerable<string>>? render, CancellationToken ct)
    {
        var (lines, next, rest) = await ReadNewLinesAsync(path, offset, pending, ct).ConfigureAwait(false);
        foreach (var line in lines) Write(line, render);
        output.Flush();
        return (next, rest);
    }

    /// <summary>The whole lines written since <paramref name="offset"/>; a partial last line is held back
    /// (it can be neither parsed nor redacted yet). A file shorter than the offset is a new one.</summary>
    private static async Task<(IReadOnlyList<string> Lines, long Offset, string Pending)> ReadNewLinesAsync(string path, long offset, string pending, CancellationToken ct)
    {
        if (!File.Exists(path)) return ([], offset, pending);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < offset) (offset, pending) = (0, "");
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        var lines = (pending + text).Split('\n');
        return (lines[..^1], stream.Position, lines[^1]);
    }

    private void Write(string line, Func<string, IEnumerable<string>>? render)
    {
        foreach (var shown in render is null ? [line] : render(line)) output.WriteLine(_shown.NextLine(shown));
    }

    /// <summary>The run's events as lines until it ends, waits for a human or nothing drives it.</summary>
    public static async Task<int> FollowEventsAsync(TextWriter output, RunPaths paths, bool raw, CancellationToken ct)
    {
        var log = new EventLog(paths.Events);
        long offset = 0;
        var pending = "";
        try
        {
            while (true)
            {
                if (raw)
                {
                    IReadOnlyList<string> lines;
                    (lines, offset, pending) = await ReadNewLinesAsync(paths.Events, offset, pending, ct).ConfigureAwait(false);
                    foreach (var line in lines) output.WriteLine(line);
                }
                else
                {
                    var (events, next) = log.ReadFrom(offset);
                    foreach (var line in LogsCommand.EventLines(events)) output.WriteLine(line);
                    offset = next;
                }
                output.Flush();
                var state = new RunJournal(paths).Read();
                var status = StatusView.StatusOf(paths, state);
                if (state.IsFinished || status is RunStatus.Stale or RunStatus.WaitingForHuman or RunStatus.Planned)
                    return ExitCodes.Succeeded;
                await Task.Delay(Poll, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }
}
