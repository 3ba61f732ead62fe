using System.Globalization;
using System.Text.RegularExpressions;

namespace Otto.Runs;

/// <summary>Run ids sort by time and are unique: YYYYMMDD-HHMMSS-xxxx (4 hex), reserved by an atomic mkdir.</summary>
public static partial class RunId
{

    public static bool IsValid(string text)
    {
        // By hand rather than with Shape(): every command resolves a run id, and a regex costs start-up time.
        if (text.Length != 20 || text[8] != '-' || text[15] != '-') return false;
        for (var i = 0; i < text.Length; i++)
        {
            if (i is 8 or 15) continue;
            var c = text[i];
            var ok = i < 15 ? c is >= '0' and <= '9' : c is >= '0' and <= '9' or >= 'a' and <= 'f';
            if (!ok) return false;
        }
        return true;
    }

    public static string New(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);

    /// <summary>Creates the run folder; mkdir fails if it exists, so two processes never get the same id.</summary>
    public static string Reserve(string runsDir, DateTimeOffset now)
    {
        Directory.CreateDirectory(runsDir);
        for (var i = 0; i < 100; i++)
        {
            var id = New(now);
            var dir = Path.Combine(runsDir, id);
            if (Platform.Mkdir.TryCreate(dir)) return id;
        }
        throw new IOException($"could not reserve a run id in {runsDir}");
    }
}
