using Otto.Events;

namespace Otto.Runs;

/// <summary>
/// The mark on state.json. Every otto process starts its fold from that cache, so one an agent rewrote (a
/// task marked merged, its seq and offset left as they were) would be believed, and final.json derived from
/// it. otto marks it as it marks the log's lines, under the run's key (<see cref="EventSeal"/>), with the mark
/// as the first field, so the file stays plain JSON for `jq`: `{"mac":"HEX",...}`, the mark over what follows
/// it (`"run_id":...}`) and the file's name. A cache without a valid mark is not read: the log is folded instead.
/// A run made before seals existed has no key; its caches are written and read plain, as before.
/// </summary>
public static class CacheSeal
{
    public const string StateName = "state.json";

    private static ReadOnlySpan<byte> Prefix => "{\"mac\":\""u8;

    private const int MarkLength = 32;

    /// <summary>The JSON object <paramref name="json"/> (`{...}`, not empty) with its mark first; unchanged without a key.</summary>
    public static byte[] Seal(byte[] json, EventSeal? seal, string name)
    {
        if (seal is null || json.Length < 3 || json[0] != (byte)'{') return json;
        var rest = json.AsSpan(1);
        var mark = seal.FileMark(rest, name);
        return [.. Prefix, .. mark, (byte)'"', (byte)',', .. rest];
    }

    /// <summary>The JSON to read (the mark stays in it as a field readers skip), or null when the run has a key
    /// and the file does not carry its valid mark for <paramref name="name"/>.</summary>
    public static byte[]? Open(byte[] file, EventSeal? seal, string name)
    {
        if (seal is null) return file;
        var headLength = Prefix.Length + MarkLength + 2;
        if (file.Length <= headLength || !file.AsSpan().StartsWith(Prefix)
            || file[headLength - 2] != (byte)'"' || file[headLength - 1] != (byte)',') return null;
        var mark = file.AsSpan(Prefix.Length, MarkLength);
        return seal.HasFileMark(file.AsSpan(headLength), name, mark) ? file : null;
    }
}
