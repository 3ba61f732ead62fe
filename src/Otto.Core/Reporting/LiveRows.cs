using Otto.Agents;
using Otto.Platform;
using Otto.Runs;
using Otto.Secrets;

namespace Otto.Reporting;

/// <summary>One row of the live view: a task's state, attempt, time in its current attempt, and the last
/// line its agent printed.</summary>
public sealed record LiveRow(string TaskId, string State, int Attempt, TimeSpan? Elapsed, string LastLine);

/// <summary>Builds the live view's rows from the folded state and the attempt folders.</summary>
public static class LiveRows
{
    public const int MaxLineChars = 72;

    /// <summary>This process's environment does not change between refreshes.</summary>
    private static readonly Lazy<Redactor> ProcessRedactor = new(Redactor.FromProcess);

    public static IReadOnlyList<LiveRow> Build(RunPaths paths, RunState state, DateTimeOffset now)
    {
        var redactor = ProcessRedactor.Value;
        return state.Tasks.Select(task =>
        {
            var view = TaskView.StateOf(task, state);
            var live = task.Claim is not null && !state.IsFinished;
            var line = live && task.Attempts > 0 ? LastLine(new AttemptFiles(paths.AttemptDir(task.Id, task.Attempts)), redactor) : "";
            if (!live && task.LastFailure?.Reason is { } reason && view is "failed" or "pending") line = FailureSummary.OneLine(reason);
            if (AmendmentView.WaitingOn(state, task) is { } waiting) line = "waiting on " + waiting;
            if (live && RateLimitView.WaitingLine(state, task, now) is { } rateLimited) line = rateLimited;
            return new LiveRow(task.Id, view, task.Attempts, live ? now - task.Claim!.ClaimedAt : null, Clip(line));
        }).ToList();
    }

    /// <summary>
    /// The last thing the agent said, redacted: the last non-empty line of its stdout, rendered first when
    /// the provider streams JSON (a raw stream line is unreadable). Only the file's tail is read.
    /// </summary>
    public static string LastLine(AttemptFiles files, Redactor redactor)
    {
        var render = AttemptLog.LineRenderer(files);
        var lines = TailLines(files.Stdout, render is null ? 4096 : 65536);
        // Free text is redacted as a whole first: the last line may be the body of a key whose BEGIN line is above it.
        if (render is null) lines = redactor.Redact(string.Join('\n', lines)).Split('\n');
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            IEnumerable<string> shown = render is null ? [lines[i]] : render(lines[i]);
            if (shown.Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) is { } line) return redactor.Redact(line);
        }
        return "";
    }

    /// <summary>The whole lines in the last <paramref name="bytes"/> of a file (a cut first line is dropped).</summary>
    private static IReadOnlyList<string> TailLines(string path, int bytes)
    {
        try
        {
            var (text, cut) = FileTail.Read(path, bytes);
            var lines = text.Split('\n');
            return cut ? lines[1..] : lines;
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static string Clip(string line)
    {
        var clean = TerminalText.Strip(line).Replace('\n', ' ').Replace('\t', ' ');
        return clean.Length <= MaxLineChars ? clean : clean[..(MaxLineChars - 1)] + "…";
    }
}
