using System.Globalization;
using System.Text;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// status-view: what `otto status` would print about a run that is still going, kept beside state.json by
/// whoever writes state.json, so that `otto status` on a big run reads one file and a lock instead of
/// loading and folding the whole state. One header line, then the parts that the folded state alone
/// decides (<see cref="StatusDocument.Head"/>, <see cref="StatusText.Parts"/>), in chars:
///
///     otto-status-view 1 MVID RUN SEQ OFFSET STATUS_IF_DRIVEN STATUS_IF_NOT CREATED_TICKS|- HEAD STATUS_AT STATUS_LEN STAGE INTRO PLAN TASKS
///
/// It is used only when it carries the run key's mark (<see cref="FileSeal"/>) and is exactly current: written by this build of otto (MVID), for this run, at the
/// log's current length, for a run not finished (a finished run's status also checks final.json, which
/// needs the whole state) and with no provider backing off (those lines change with the clock). Anything
/// else, or anything unreadable, and `otto status` does what it did without it.
/// </summary>
public static class StatusViewFile
{
    private const string Tag = "otto-status-view";
    private const string FormatVersion = "1";
    private const int Fields = 16;

    /// <param name="IfDriven">The status's wire name when a driver holds the run's driver lock.</param>
    public sealed record View(string RunId, long Offset, string IfDriven, string IfNot, DateTimeOffset CreatedAt, StatusDocument.Head Head, StatusText.Parts Parts);

    /// <summary>This build of otto: its Otto.Core module's id, which every compilation changes.</summary>
    private static string Build => Convert.ToHexString(typeof(StatusViewFile).Module.ModuleVersionId.ToByteArray());

    public static string PathOf(RunPaths paths) => Path.Combine(paths.Dir, "status-view");

    /// <summary>Writes the view of <paramref name="state"/>, or removes an old one when the state has none.</summary>
    public static void Save(RunPaths paths, RunState state)
    {
        var path = PathOf(paths);
        if (state.IsFinished || state.RateLimits.Backoffs.Count > 0)
        {
            File.Delete(path);
            return;
        }
        var text = Encoding.UTF8.GetBytes(Text(state));
        AtomicFile.Write(path, FileSeal.SealText(text, paths, FileSeal.StatusViewName), durable: false);
    }

    public static string Text(RunState state)
    {
        var ifDriven = StatusView.StatusOf(state, driverAlive: true);
        var head = StatusJson.HeadOf(state, ifDriven);
        var parts = StatusText.PartsOf(state);
        var header = string.Join(' ', Tag, FormatVersion, Build, state.RunId, I(state.Seq), I(state.Offset), ifDriven.Name(),
            StatusView.StatusOf(state, driverAlive: false).Name(), state.CreatedAt == default ? "-" : I(state.CreatedAt.UtcTicks),
            I(head.Text.Length), I(head.StatusAt), I(head.StatusLength), parts.Stage, I(parts.Intro.Length), I(parts.Plan.Length), I(parts.Tasks.Length));
        return new StringBuilder().Append(header).Append('\n').Append(head.Text).Append(parts.Intro).Append(parts.Plan).Append(parts.Tasks).ToString();
    }

    /// <summary>The view when it is current for the run's log, else null.</summary>
    public static View? TryRead(RunPaths paths)
    {
        try
        {
            var path = PathOf(paths);
            if (!File.Exists(path)) return null;
            // Not this run's sealed view (rewritten by someone else, say): status loads the state instead.
            if (FileSeal.OpenText(File.ReadAllBytes(path), paths, FileSeal.StatusViewName) is not { } text) return null;
            var view = Parse(Encoding.UTF8.GetString(text));
            return view is not null && view.RunId == paths.RunId && IsCurrent(paths, view) ? view : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the view still says what the run's record says: the log has not grown since it was
    /// written, and no final.json has appeared (a full disk's is written without a log line).</summary>
    public static bool IsCurrent(RunPaths paths, View view) => LogLength(paths) == view.Offset && !File.Exists(paths.Final);

    /// <summary>The event log's length now, or -1 when it cannot be read (gone, say: `otto gc` removed the run).</summary>
    private static long LogLength(RunPaths paths)
    {
        try
        {
            return new FileInfo(paths.Events).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    public static View? Parse(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        if (end < 0) return null;
        var f = text[..end].Split(' ');
        if (f.Length != Fields || f[0] != Tag || f[1] != FormatVersion || f[2] != Build) return null;
        if (!IsName(f[6]) || !IsName(f[7])) return null;
        if (!Long(f[4], out _) || !Long(f[5], out var offset) || !Int(f[9], out var headLength) || !Int(f[10], out var statusAt) || !Int(f[11], out var statusLength)
            || !Int(f[13], out var intro) || !Int(f[14], out var plan) || !Int(f[15], out var tasks)) return null;
        DateTimeOffset created = default;
        if (f[8] != "-")
        {
            if (!Long(f[8], out var ticks) || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
            created = new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        var body = end + 1;
        if ((long)headLength + intro + plan + tasks != text.Length - body || statusAt + (long)statusLength > headLength) return null;
        var head = new StatusDocument.Head(text.Substring(body, headLength), statusAt, statusLength);
        var parts = new StatusText.Parts(f[12], text.Substring(body + headLength, intro), text.Substring(body + headLength + intro, plan),
            text.Substring(body + headLength + intro + plan, tasks));
        return new View(f[3], offset, f[6], f[7], created, head, parts);
    }

    /// <summary>A wire name as otto writes them; it goes into the JSON between quotes as it is.</summary>
    private static bool IsName(string text) => text.Length > 0 && text.All(c => c is (>= 'a' and <= 'z') or '_');

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool Long(string text, out long value) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0;

    private static bool Int(string text, out int value) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
