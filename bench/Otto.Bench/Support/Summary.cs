using System.Globalization;

namespace Otto.Bench.Support;

/// <summary>One figure of the final summary table: what, how much, the aim, and whether it was met.</summary>
public sealed record SummaryRow(string Bench, string Figure, string Value, string Aim = "", bool? Met = null);

/// <summary>Collects figures from every benchmark and prints them as a plain table at the end.</summary>
public sealed class Summary
{
    private readonly List<SummaryRow> _rows = [];

    public void Add(SummaryRow row) => _rows.Add(row);

    public void AddRange(IEnumerable<SummaryRow> rows) => _rows.AddRange(rows);

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("== summary " + new string('=', 90));
        var headers = new[] { "bench", "figure", "value", "aim", "met" };
        var cells = _rows.Select(r => new[] { r.Bench, r.Figure, r.Value, r.Aim, r.Met switch { true => "yes", false => "NO", null => "" } }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        output.WriteLine(Line(headers, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells) output.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Num(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
