using System.Globalization;
using System.Text.RegularExpressions;

namespace Otto.Config;

/// <summary>A size as people write it in otto.yaml: 50MB, 512KB, 1.5GB, or plain bytes. Units are binary
/// (1 KB = 1024 bytes), as file managers and `du -h` count.</summary>
public readonly partial record struct ByteSize(long Bytes)
{
    private static readonly (string Unit, long Factor)[] Units = [("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1)];

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static ByteSize FromMegabytes(long megabytes) => new(megabytes << 20);

    public static bool TryParse(string text, out ByteSize value)
    {
        value = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
        var unit = match.Groups[2].Success ? match.Groups[2].Value.ToUpperInvariant().Replace("I", "", StringComparison.Ordinal) : "B";
        var bytes = number * Units.First(u => u.Unit == unit).Factor;
        if (bytes > long.MaxValue) return false;
        value = new ByteSize((long)bytes);
        return true;
    }

    /// <summary>For people: rounded to one decimal in the largest unit it fills (2.9KB, 200MB).</summary>
    public string Approximate()
    {
        foreach (var (unit, factor) in Units)
        {
            if (Bytes >= factor) return (Bytes / (double)factor).ToString("0.#", CultureInfo.InvariantCulture) + unit;
        }
        return Bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }

    /// <summary>The shortest exact way to write it back: 50MB, 1.5GB, 300B.</summary>
    public override string ToString()
    {
        foreach (var (unit, factor) in Units)
        {
            var amount = Bytes / (double)factor;
            if (amount >= 1 && Math.Abs(Math.Round(amount, 1) - amount) < 1e-9)
                return amount.ToString("0.#", CultureInfo.InvariantCulture) + unit;
        }
        return Bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
