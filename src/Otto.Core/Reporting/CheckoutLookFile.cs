using System.Globalization;
using System.Text;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// checkout-look: what the run's driver last saw of the user's checkout (<see cref="CheckoutWatch.Current"/>),
/// and until when it stands for "now". `otto status` on a run that is going shows it instead of running `git
/// status` itself: that one process (and what .NET loads to start it) cost more than everything else a status
/// does. The driver looks every few seconds (<see cref="Engine.CheckoutLooker"/>), so a change shows within
/// those. Marked with the run key (<see cref="FileSeal"/>) like status-view, text:
///
///     otto-checkout-look 1 TAKEN_TICKS VALID_UNTIL_TICKS COUNT|-
///     PATH\0PATH\0...
///
/// COUNT is the number of changes, `-` for a run without a checkout record. Paths end with NUL (a path may hold
/// a newline). A look that is not marked, not this run's, or past its time is not used: status looks itself.
/// </summary>
public static class CheckoutLookFile
{
    public const string Name = "checkout-look";

    private const string Tag = "otto-checkout-look";
    private const string FormatVersion = "1";

    public static string PathOf(RunPaths paths) => Path.Combine(paths.Dir, Name);

    public static void Save(RunPaths paths, IReadOnlyList<string>? changed, DateTimeOffset takenAt, DateTimeOffset validUntil)
    {
        var text = new StringBuilder()
            .Append(Tag).Append(' ').Append(FormatVersion).Append(' ').Append(I(takenAt.UtcTicks)).Append(' ').Append(I(validUntil.UtcTicks))
            .Append(' ').Append(changed is null ? "-" : I(changed.Count)).Append('\n');
        foreach (var path in changed ?? []) text.Append(path).Append('\0');
        AtomicFile.Write(PathOf(paths), FileSeal.SealText(Encoding.UTF8.GetBytes(text.ToString()), paths, Name), durable: false);
    }

    /// <summary>The changes the last look saw when it still stands at <paramref name="now"/>: true with them (null
    /// for a run without a record); false when there is no such look (none, past its time, not otto's).</summary>
    public static bool TryRead(RunPaths paths, DateTimeOffset now, out IReadOnlyList<string>? changed)
    {
        changed = null;
        try
        {
            var path = PathOf(paths);
            if (!File.Exists(path)) return false;
            return FileSeal.OpenText(File.ReadAllBytes(path), paths, Name) is { } text && Parse(Encoding.UTF8.GetString(text), now, out changed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void Remove(RunPaths paths)
    {
        try
        {
            File.Delete(PathOf(paths));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Past its time it is not used anyway.
        }
    }

    public static bool Parse(string text, DateTimeOffset now, out IReadOnlyList<string>? changed)
    {
        changed = null;
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        if (end < 0) return false;
        var f = text[..end].Split(' ');
        if (f.Length != 5 || f[0] != Tag || f[1] != FormatVersion || !Long(f[2], out var taken) || !Long(f[3], out var until)) return false;
        if (now.UtcTicks < taken || now.UtcTicks > until) return false; // a clock set back, or an old look
        var paths = text[(end + 1)..].Split('\0');
        if (f[4] == "-") return paths is [""];
        if (!int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || paths.Length != count + 1 || paths[^1] != "") return false;
        changed = paths[..^1];
        return true;
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool Long(string text, out long value) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
