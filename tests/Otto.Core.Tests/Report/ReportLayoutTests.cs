using Otto.Report;

namespace Otto.Tests.Report;

/// <summary>The geometry the report's SVG charts are drawn from.</summary>
public sealed class ReportLayoutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Bars_sit_on_their_rows_in_proportion_to_time()
    {
        var chart = GanttLayout.Lay(T0, T0.AddSeconds(100),
        [
            new GanttInputRow("a", [new GanttItem(T0, T0.AddSeconds(50), "failed", "#1", "a 1"), new GanttItem(T0.AddSeconds(50), T0.AddSeconds(100), "merged", "#2", "a 2")]),
            new GanttInputRow("b", [new GanttItem(T0.AddSeconds(10), T0.AddSeconds(10.01), "merged", "#1", "b 1")]),
        ]);

        var plot = GanttLayout.Width - GanttLayout.LabelWidth - 20;
        var (a1, a2) = (chart.Rows[0].Bars[0], chart.Rows[0].Bars[1]);
        Assert.Equal((GanttLayout.LabelWidth, plot / 2.0), (a1.X, a1.Width));
        Assert.Equal(GanttLayout.LabelWidth + plot / 2.0, a2.X);
        Assert.True(chart.Rows[1].Bars[0].Y > a1.Y);
        var tiny = chart.Rows[1].Bars[0];
        Assert.Equal((3.0, false), (tiny.Width, tiny.ShowLabel));
        Assert.Equal(["0s", "15s", "30s", "45s", "1m", "1m15s", "1m30s"], chart.Ticks.Select(t => t.Label));
    }

    [Theory]
    [InlineData(0.05, 0.1)]
    [InlineData(7, 10)]
    [InlineData(100, 120)]
    [InlineData(4000, 7200)]
    public void Tick_steps_are_round_numbers(double rough, double step) => Assert.Equal(step, GanttLayout.NiceStep(rough));

    [Fact]
    public void The_plan_graph_puts_each_task_one_column_after_its_deepest_dependency()
    {
        var graph = PlanGraphLayout.Lay(
        [
            new GraphInputNode("core", "Core", "merged", "", []),
            new GraphInputNode("api", "API", "merged", "", ["core"]),
            new GraphInputNode("ui", "A user interface with a rather long title", "failed", "", ["core"]),
            new GraphInputNode("e2e", "End to end", "skipped", "", ["api", "ui"]),
        ]);

        var x = graph.Nodes.ToDictionary(n => n.Id, n => n.X);
        Assert.True(x["core"] < x["api"] && x["api"] == x["ui"] && x["ui"] < x["e2e"]);
        Assert.NotEqual(graph.Nodes.Single(n => n.Id == "api").Y, graph.Nodes.Single(n => n.Id == "ui").Y);
        Assert.Equal(["core>api", "core>ui", "api>e2e", "ui>e2e"], graph.Edges.Select(e => $"{e.From}>{e.To}"));
        Assert.Equal("A user interface with a r…", graph.Nodes.Single(n => n.Id == "ui").Title);
        Assert.True(graph.Width >= graph.Nodes.Max(n => n.X + n.Width) && graph.Height >= graph.Nodes.Max(n => n.Y + n.Height));
    }

    [Fact]
    public void A_cycle_in_a_hand_edited_plan_does_not_hang_the_layout()
    {
        var graph = PlanGraphLayout.Lay([new GraphInputNode("a", "A", "pending", "", ["b"]), new GraphInputNode("b", "B", "pending", "", ["a"])]);

        Assert.Equal(2, graph.Nodes.Count);
    }

    [Theory]
    [InlineData(0.14, "$0.14")]
    [InlineData(0.0042, "$0.0042")]
    [InlineData(1234.5, "$1,234.50")]
    public void Money(decimal usd, string text) => Assert.Equal(text, Units.Money(usd));

    [Theory]
    [InlineData(3.64, "3.6 s")]
    [InlineData(42, "42 s")]
    [InlineData(125, "2 min 05 s")]
    [InlineData(3900, "1 h 05 min")]
    public void Durations(double seconds, string text) => Assert.Equal(text, Units.Seconds(seconds));
}
