using System.Globalization;
using System.Text.RegularExpressions;

namespace Otto.Runs;

/// <summary>Run ids sort by time and are unique: YYYYMMDD-HHMMSS-xxxx (4 hex), reserved by an atomic mkdir.</summary>
public static partial class RunId
{
    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$")]
    private static partial Regex Shape();

    public static bool IsValid(string text) => Shape().IsMatch(text);

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
