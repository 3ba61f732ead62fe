using System.Globalization;

namespace Otto.Report;

/// <summary>Money, durations, token counts and shas the way a report and a PR body print them.</summary>
public static class Units
{
    public static string Money(decimal? usd) => usd switch
    {
        null => Reporting.SpendText.Unknown, // nobody reported it: never shown as $0.00
        0m => "$0.00",
        < 0.01m => "$" + usd.Value.ToString("0.0000", CultureInfo.InvariantCulture),
        _ => "$" + usd.Value.ToString("#,0.00", CultureInfo.InvariantCulture),
    };

    public static string Seconds(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s)) return "–";
        if (s < 60) return s.ToString(s < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " s";
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds:00} s");
    }

    public static string Count(long? value) => value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    public static string Short(string? sha) => sha is { Length: > 8 } ? sha[..8] : sha ?? "–";

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "–";
}
