using Otto.Events;

namespace Otto.Runs;

/// <summary>
/// The run key's mark on the files beside the log that otto acts on or shows: run.json (the run's record and
/// config, verify commands included: <see cref="RunInfo"/>), checkout.json (<see cref="Reporting.CheckoutWatch"/>),
/// state.json (every otto process starts its fold from it: <see cref="StateCache"/>) and status-view (what
/// `otto status` shows of a run still going). An agent runs as the user and can rewrite any of them; marked as
/// the log's lines are (<see cref="EventSeal"/>, over the content and the file's name), a rewritten one is
/// told apart: run.json is refused, checkout.json reported, the caches not read. JSON files keep the mark as
/// their first field, so they stay plain JSON for `jq`: `{"mac":"HEX",...}`, the mark over what follows it;
/// status-view has it as a first line of its own, `mac HEX`. A run made before seals existed has no key and
/// no marks in its log: its files are written and read plain, as before. A run without a key whose log has a
/// mark lost its key: none of its files is believed, marked or plain (whoever removed the key can write them
/// plain as well), as the log's marked lines are not: run.json refused, caches not read, checkout.json altered.
/// </summary>
public static class FileSeal
{
    public const string StateName = "state.json";

    public const string RunName = "run.json";

    public const string CheckoutName = "checkout.json";

    public const string StatusViewName = "status-view";

    private static ReadOnlySpan<byte> Prefix => "{\"mac\":\""u8;

    private static ReadOnlySpan<byte> LinePrefix => "mac "u8;

    private const int MarkLength = 32;

    /// <summary>The JSON object <paramref name="json"/> (`{...}`, not empty) with the mark of <paramref name="run"/>'s key first; unchanged for a run without a key.</summary>
    public static byte[] Seal(byte[] json, RunPaths run, string name) =>
        json.Length < 3 || json[0] != (byte)'{' ? json : Marked(run, name, Prefix, "\","u8, json.AsSpan(1)) ?? json;

    /// <summary>The JSON as otto wrote it before marking it (without the `mac` field), or null when the file does
    /// not carry the run key's valid mark for <paramref name="name"/>, or the run has no key and a log that was sealed.</summary>
    public static byte[]? Open(byte[] file, RunPaths run, string name) =>
        ContentStart(file, run, name, Prefix, "\","u8) is not { } start ? null
        : start == 0 ? file : [(byte)'{', .. file.AsSpan(start)];

    /// <summary><paramref name="text"/> after a first line with its mark, `mac HEX`; unchanged without a key.</summary>
    public static byte[] SealText(byte[] text, RunPaths run, string name) => Marked(run, name, LinePrefix, "\n"u8, text) ?? text;

    /// <summary>The text after the mark's line, or null when the file does not carry the run key's valid mark for
    /// <paramref name="name"/>, or the run has no key and a log that was sealed.</summary>
    public static byte[]? OpenText(byte[] file, RunPaths run, string name) =>
        ContentStart(file, run, name, LinePrefix, "\n"u8) is { } start ? file[start..] : null;

    /// <summary><paramref name="prefix"/>, the mark of <paramref name="content"/>, <paramref name="separator"/>, the
    /// content; null for a run without a key.</summary>
    private static byte[]? Marked(RunPaths run, string name, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> separator, ReadOnlySpan<byte> content) =>
        EventSeal.ForRun(run.Dir) is { } seal ? [.. prefix, .. seal.FileMark(content, name), .. separator, .. content] : null;

    /// <summary>Where the content begins after `prefix MARK separator` when the mark is valid; 0 for an unmarked
    /// file of a run from before seals (read whole); null otherwise.</summary>
    private static int? ContentStart(byte[] file, RunPaths run, string name, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> separator)
    {
        var seal = KeyOfLog(run);
        // Without a key, only an unmarked file of a run whose log was never sealed is read (a run from before seals).
        if (seal is null) return !file.AsSpan().StartsWith(prefix) && NeverSealed(run) ? 0 : null;
        var start = prefix.Length + MarkLength + separator.Length;
        if (file.Length < start || !file.AsSpan().StartsWith(prefix)
            || !file.AsSpan(prefix.Length + MarkLength, separator.Length).SequenceEqual(separator)) return null;
        return seal.HasFileMark(file.AsSpan(start), name, file.AsSpan(prefix.Length, MarkLength)) ? start : null;
    }

    /// <summary>Whether the run was made with a key (it has one, or its log has a sealed line, or no log to tell):
    /// such a run was made by an otto that writes every file here, so one that is missing was removed.</summary>
    public static bool WasSealed(RunPaths run) => EventSeal.ForRun(run.Dir) is not null || !NeverSealed(run);

    /// <summary>
    /// The run's key, or null without one. A key that does not open the log's first line is not the one otto made
    /// the run with: replacing run.key needs no knowledge of it, and a key of one's own marks anything. Such a
    /// key is returned all the same, so that the marks it checks fail: with a seal of a key nobody has.
    /// A log without a whole first line yet (a run killed before its first event) binds nothing.
    /// </summary>
    private static EventSeal? KeyOfLog(RunPaths run)
    {
        var seal = EventSeal.ForRun(run.Dir);
        return seal is null || OpensFirstLine(seal, run) ? seal : EventSeal.Unknown;
    }

    private static bool OpensFirstLine(EventSeal seal, RunPaths run)
    {
        try
        {
            using var log = new FileStream(run.Events, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[4096];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = log.Read(buffer, length, buffer.Length - length);
                if (read == 0) return true; // no whole first line yet
                var end = buffer.AsSpan(length, read).IndexOf((byte)'\n');
                if (end >= 0) return seal.VerifyManaged(buffer.AsSpan(0, length + end));
                length += read;
            }
        }
        catch (FileNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the run has a log and not one line of it carries a mark: a run from before seals. The file itself
    /// cannot tell: whoever removes run.key can write it plain, as such a run had it. A mark cannot occur inside
    /// a JSON string (its quotes would be escaped), so any `,"mac":"` in the log is a line otto sealed. Read
    /// only for a run without a key.
    /// </summary>
    private static bool NeverSealed(RunPaths run)
    {
        try
        {
            return File.ReadAllBytes(run.Events) is { Length: > 0 } log && log.AsSpan().IndexOf(",\"mac\":\""u8) < 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
