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
/// status-view has it as a first line of its own, `mac HEX`. A run made before seals existed has no key: its
/// files are written and read plain, as before; a marked file with no key to check it is not read (the key was
/// removed), as the log's marked lines are not.
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
    public static byte[] Seal(byte[] json, RunPaths run, string name)
    {
        var seal = EventSeal.ForRun(run.Dir);
        if (seal is null || json.Length < 3 || json[0] != (byte)'{') return json;
        var rest = json.AsSpan(1);
        var mark = seal.FileMark(rest, name);
        return [.. Prefix, .. mark, (byte)'"', (byte)',', .. rest];
    }

    /// <summary>The JSON as otto wrote it before marking it (without the `mac` field), or null when the file does
    /// not carry the run key's valid mark for <paramref name="name"/>, or carries a mark and the key is gone.</summary>
    public static byte[]? Open(byte[] file, RunPaths run, string name)
    {
        var seal = EventSeal.ForRun(run.Dir);
        // Without a key, only a file with no mark is read (a run from before seals): one with a mark lost its key.
        if (seal is null) return file.AsSpan().StartsWith(Prefix) ? null : file;
        var headLength = Prefix.Length + MarkLength + 2;
        if (file.Length <= headLength || !file.AsSpan().StartsWith(Prefix)
            || file[headLength - 2] != (byte)'"' || file[headLength - 1] != (byte)',') return null;
        var mark = file.AsSpan(Prefix.Length, MarkLength);
        return seal.HasFileMark(file.AsSpan(headLength), name, mark) ? [(byte)'{', .. file.AsSpan(headLength)] : null;
    }

    /// <summary><paramref name="text"/> after a first line with its mark, `mac HEX`; unchanged without a key.</summary>
    public static byte[] SealText(byte[] text, RunPaths run, string name) =>
        EventSeal.ForRun(run.Dir) is { } seal ? [.. LinePrefix, .. seal.FileMark(text, name), (byte)'\n', .. text] : text;

    /// <summary>The text after the mark's line, or null when the file does not carry the run key's valid mark for
    /// <paramref name="name"/>, or carries a mark and the key is gone.</summary>
    public static byte[]? OpenText(byte[] file, RunPaths run, string name)
    {
        var seal = EventSeal.ForRun(run.Dir);
        if (seal is null) return file.AsSpan().StartsWith(LinePrefix) ? null : file;
        var headLength = LinePrefix.Length + MarkLength + 1;
        if (file.Length < headLength || !file.AsSpan().StartsWith(LinePrefix) || file[headLength - 1] != (byte)'\n') return null;
        var text = file.AsSpan(headLength);
        return seal.HasFileMark(text, name, file.AsSpan(LinePrefix.Length, MarkLength)) ? text.ToArray() : null;
    }
}
