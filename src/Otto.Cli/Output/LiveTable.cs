using System.Globalization;
using Otto.Reporting;
using Otto.Runs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Otto.Cli.Output;

/// <summary>The live view as a Spectre.Console renderable: run header, one row per task, recent events.</summary>
public static class LiveTable
{
    private const int NumberWidth = 7; // "attempt", "elapsed"
    private const int MaxTaskWidth = 30;
    private const int MinOutputWidth = 10;
    private const int Overhead = 5 * 2 + 6; // a space each side of five cells, six borders

    /// <param name="width">The terminal's width: every column gets a fixed width from it, so columns do
    /// not jump each time a state or an output line changes length, and every row stays one line.</param>
    public static IRenderable Render(RunPaths paths, RunState state, RunStatus status, IReadOnlyList<string> recent, int width)
    {
        var now = DateTimeOffset.UtcNow;
        var taskWidth = Math.Clamp(state.Tasks.Select(t => t.Id.Length).DefaultIfEmpty(0).Max(), 4, MaxTaskWidth);
        var stateWidth = TaskView.States.Max(s => s.Length);
        var outputWidth = Math.Max(MinOutputWidth, width - taskWidth - stateWidth - 2 * NumberWidth - Overhead);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("task").Width(taskWidth));
        table.AddColumn(new TableColumn("state").Width(stateWidth));
        table.AddColumn(new TableColumn("attempt").Width(NumberWidth).RightAligned());
        table.AddColumn(new TableColumn("elapsed").Width(NumberWidth).RightAligned());
        table.AddColumn(new TableColumn("last output").Width(outputWidth));
        foreach (var row in LiveRows.Build(paths, state, now))
        {
            table.AddRow(
                Cell(row.TaskId, taskWidth),
                new Markup($"[{Colour(row.State)}]{row.State}[/]"),
                new Text(row.Attempt.ToString(CultureInfo.InvariantCulture)),
                new Text(row.Elapsed is { } elapsed ? $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}" : ""),
                Cell(row.LastLine, outputWidth));
        }
        var header = new Markup(
            $"[bold]run {Markup.Escape(state.RunId)}[/]  {Markup.Escape(status.Name())}  stage {Markup.Escape((state.IsFinished ? Stage.Finished : state.Stage).Name())}" +
            $"  {Markup.Escape(SpendText.Cost(state.CostUsd, state.UnknownCosts))}  {Markup.Escape(state.IntegrationBranch)}");
        var events = new Rows(recent.Select(line => (IRenderable)new Text(line, new Style(Color.Grey))).ToArray());
        return new Rows(header, table, events);
    }

    /// <summary>One line, cut with an ellipsis to the column (Spectre would wrap it onto more lines).</summary>
    private static Text Cell(string text, int width) =>
        new(text.Length <= width ? text : text[..(width - 1)] + "…");

    private static string Colour(string state) => state switch
    {
        "merged" => "green",
        "failed" or "blocked" => "red",
        "running" or "verifying" => "yellow",
        "waiting_for_human" => "magenta",
        _ => "grey",
    };
}
