using Otto.Events;

namespace Otto.Runs;

/// <summary>
/// The marks on run.json (the run's record and config, written once: <see cref="RunInfo"/>), checkout.json
/// (<see cref="Reporting.CheckoutWatch"/>), state.json and status-view. Every otto process starts its fold from state.json, so one an agent
/// rewrote (a task marked merged, its seq and offset left as they were) would be believed, and final.json
/// derived from it; `otto status` shows status-view as it is. otto marks both as it marks the log's lines,
/// under the run's key (<see cref="EventSeal"/>), over the content and the file's name. state.json's mark is
/// its first field, so the file stays plain JSON for `jq`: `{"mac":"HEX",...}`, the mark over what follows it
/// (`"run_id":...}`); status-view's is a first line of its own, `mac HEX`. A cache without a valid mark is not
/// read: the log is folded instead. A run made before seals existed has no key; its caches are plain, as before.
/// </summary>
public static class CacheSeal
{
    public const string StateName = "state.json";

    public const string RunName = "run.json";

    public const string CheckoutName = "checkout.json";

    public const string StatusViewName = "status-view";

    private static ReadOnlySpan<byte> Prefix => "{\"mac\":\""u8;

    private static ReadOnlySpan<byte> LinePrefix => "mac "u8;

    private const int MarkLength = 32;

    /// <summary>The JSON object <paramref name="json"/> (`{...}`, not empty) with its mark first; unchanged without a key.</summary>
    public static byte[] Seal(byte[] json, EventSeal? seal, string name)
    {
        if (seal is null || json.Length < 3 || json[0] != (byte)'{') return json;
        var rest = json.AsSpan(1);
        var mark = seal.FileMark(rest, name);
        return [.. Prefix, .. mark, (byte)'"', (byte)',', .. rest];
    }

    /// <summary>The JSON as otto wrote it before marking it (without the `mac` field), or null when the run has a
    /// key and the file does not carry its valid mark for <paramref name="name"/>.</summary>
    public static byte[]? Open(byte[] file, EventSeal? seal, string name)
    {
        if (seal is null) return file;
        var headLength = Prefix.Length + MarkLength + 2;
        if (file.Length <= headLength || !file.AsSpan().StartsWith(Prefix)
            || file[headLength - 2] != (byte)'"' || file[headLength - 1] != (byte)',') return null;
        var mark = file.AsSpan(Prefix.Length, MarkLength);
        return seal.HasFileMark(file.AsSpan(headLength), name, mark) ? [(byte)'{', .. file.AsSpan(headLength)] : null;
    }

    /// <summary><paramref name="text"/> after a first line with its mark, `mac HEX`; unchanged without a key.</summary>
    public static byte[] SealText(byte[] text, EventSeal? seal, string name) =>
        seal is null ? text : [.. LinePrefix, .. seal.FileMark(text, name), (byte)'\n', .. text];

    /// <summary>The text after the mark's line, or null when the run has a key and the file does not carry its
    /// valid mark for <paramref name="name"/>.</summary>
    public static byte[]? OpenText(byte[] file, EventSeal? seal, string name)
    {
        if (seal is null) return file;
        var headLength = LinePrefix.Length + MarkLength + 1;
        if (file.Length < headLength || !file.AsSpan().StartsWith(LinePrefix) || file[headLength - 1] != (byte)'\n') return null;
        var text = file.AsSpan(headLength);
        return seal.HasFileMark(text, name, file.AsSpan(LinePrefix.Length, MarkLength)) ? text.ToArray() : null;
    }
}
