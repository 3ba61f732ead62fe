using System.Text;
using Otto.Agents;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>One row of the live view: a task's state, attempt, time in its current attempt, and the last
/// line its agent printed.</summary>
public sealed record LiveRow(string TaskId, string State, int Attempt, TimeSpan? Elapsed, string LastLine);

/// <summary>Builds the live view's rows from the folded state and the attempt folders.</summary>
public static class LiveRows
{
    public const int MaxLineChars = 72;

    public static IReadOnlyList<LiveRow> Build(RunPaths paths, RunState state, DateTimeOffset now) =>
        state.Tasks.Select(task =>
        {
            var view = TaskView.StateOf(task, state);
            var live = task.Claim is not null && !state.IsFinished;
            var line = live && task.Attempts > 0 ? LastLine(new AttemptFiles(paths.AttemptDir(task.Id, task.Attempts)).Stdout) : "";
            if (!live && task.LastFailure?.Reason is { } reason && view is "failed" or "pending") line = EventText.Gist(reason);
            return new LiveRow(task.Id, view, task.Attempts, live ? now - task.Claim!.ClaimedAt : null, Clip(line));
        }).ToList();

    /// <summary>The last non-empty line of a log, reading only its tail (logs can be huge).</summary>
    public static string LastLine(string path)
    {
        if (!File.Exists(path)) return "";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var size = (int)Math.Min(stream.Length, 4096);
            stream.Seek(-size, SeekOrigin.End);
            var buffer = new byte[size];
            stream.ReadExactly(buffer);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n');
            return lines.Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Clip(string line)
    {
        var clean = new string(line.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length <= MaxLineChars ? clean : clean[..(MaxLineChars - 1)] + "…";
    }
}
