using System.Globalization;

namespace Otto.Report;

/// <summary>One bar to draw: an attempt (or a stage attempt) from start to end, coloured by its result.</summary>
public sealed record GanttItem(DateTimeOffset Start, DateTimeOffset End, string Result, string Label, string Title);

public sealed record GanttInputRow(string Label, IReadOnlyList<GanttItem> Items);

/// <summary>The timeline as SVG geometry (the template draws it; every number is in SVG user units).</summary>
public sealed record GanttChart(int Width, int Height, int LabelWidth, double AxisY, IReadOnlyList<GanttRow> Rows, IReadOnlyList<GanttTick> Ticks);

public sealed record GanttRow(string Label, double Y, double Height, double TextY, bool Shaded, IReadOnlyList<GanttBar> Bars);

/// <param name="ShowLabel">False when the bar is too narrow for its label (the title still has it).</param>
public sealed record GanttBar(double X, double Y, double Width, double Height, string Result, string Label, bool ShowLabel, double LabelX, double LabelY, string Title);

public sealed record GanttTick(double X, string Label);

/// <summary>Lays out a Gantt chart: one row per task (and per stage), time left to right, round-number ticks.</summary>
public static class GanttLayout
{
    public const int Width = 1000;
    public const int LabelWidth = 150;
    private const int RightMargin = 20;
    private const int RowHeight = 30;
    private const int BarHeight = 18;
    private const int AxisHeight = 26;
    private const double MinBarWidth = 3;
    private const double LabelMinWidth = 26;

    public static GanttChart Lay(DateTimeOffset t0, DateTimeOffset t1, IReadOnlyList<GanttInputRow> rows)
    {
        var seconds = Math.Max((t1 - t0).TotalSeconds, 0.001);
        var plot = Width - LabelWidth - RightMargin;
        double X(DateTimeOffset t) => LabelWidth + Math.Clamp((t - t0).TotalSeconds / seconds, 0, 1) * plot;

        var laid = new List<GanttRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            var top = (double)AxisHeight + i * RowHeight;
            var barY = top + (RowHeight - BarHeight) / 2.0;
            var bars = rows[i].Items.Select(item =>
            {
                var x = X(item.Start);
                var width = Math.Max(X(item.End) - x, MinBarWidth);
                return new GanttBar(R(x), R(barY), R(width), BarHeight, item.Result, item.Label, width >= LabelMinWidth,
                    R(x + width / 2), R(barY + BarHeight / 2.0 + 4), item.Title);
            }).ToList();
            laid.Add(new GanttRow(rows[i].Label, top, RowHeight, R(top + RowHeight / 2.0 + 4), i % 2 == 1, bars));
        }
        var step = NiceStep(seconds / 8);
        var ticks = new List<GanttTick>();
        for (var s = 0.0; s <= seconds + step / 1000; s += step) ticks.Add(new GanttTick(R(LabelWidth + s / seconds * plot), TickLabel(s)));
        return new GanttChart(Width, AxisHeight + rows.Count * RowHeight + 4, LabelWidth, AxisHeight - 8, laid, ticks);
    }

    /// <summary>The smallest of 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 6, 12 h... not below <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        double[] steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
        foreach (var step in steps)
            if (step >= rough) return step;
        return Math.Ceiling(rough / 86400) * 86400;
    }

    public static string TickLabel(double seconds)
    {
        var s = Math.Round(seconds, 1);
        if (s < 60) return s.ToString(s % 1 == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + "s";
        var whole = (long)Math.Round(s);
        if (whole < 3600) return whole % 60 == 0 ? $"{whole / 60}m" : $"{whole / 60}m{whole % 60:00}s";
        return whole % 3600 == 0 ? $"{whole / 3600}h" : $"{whole / 3600}h{whole % 3600 / 60:00}m";
    }

    private static double R(double value) => Math.Round(value, 1);
}
