using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Otto.Config;

/// <summary>Durations as people write them in otto.yaml and on the command line: 90s, 5m, 2h, 1h30m, 500ms, or plain seconds.</summary>
public static partial class Duration
{
    [GeneratedRegex(@"^(?:(\d+(?:\.\d+)?)(ms|s|m|h|d))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)")]
    private static partial Regex Part();

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        try
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                // NaN and Infinity parse as doubles; neither is a duration.
                if (seconds < 0 || !double.IsFinite(seconds)) return false;
                value = TimeSpan.FromSeconds(seconds);
                return true;
            }
            if (!Whole().IsMatch(text)) return false;
            foreach (Match m in Part().Matches(text))
            {
                var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                value += m.Groups[2].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(n),
                    "s" => TimeSpan.FromSeconds(n),
                    "m" => TimeSpan.FromMinutes(n),
                    "h" => TimeSpan.FromHours(n),
                    _ => TimeSpan.FromDays(n),
                };
            }
            return true;
        }
        catch (OverflowException)
        {
            value = default; // longer than TimeSpan can hold (about 29,000 years)
            return false;
        }
    }

    /// <summary>The shortest way to write it back: 2h, 5m, 1h30m, 1.5s.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        if (value.TotalSeconds < 1) return $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
        var text = new StringBuilder();
        if (value.Days > 0) text.Append(CultureInfo.InvariantCulture, $"{value.Days}d");
        if (value.Hours > 0) text.Append(CultureInfo.InvariantCulture, $"{value.Hours}h");
        if (value.Minutes > 0) text.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        var seconds = value.Seconds + value.Milliseconds / 1000.0;
        if (seconds > 0) text.Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }
}
