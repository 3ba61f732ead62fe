using System.Globalization;
using Otto.Reporting;
using Otto.Runs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Otto.Cli.Output;

/// <summary>The live view as a Spectre.Console renderable: run header, one row per task, recent events.</summary>
public static class LiveTable
{
    public static IRenderable Render(RunPaths paths, RunState state, RunStatus status, IReadOnlyList<string> recent)
    {
        var now = DateTimeOffset.UtcNow;
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("task");
        table.AddColumn("state");
        table.AddColumn(new TableColumn("attempt").RightAligned());
        table.AddColumn(new TableColumn("elapsed").RightAligned());
        table.AddColumn("last output");
        foreach (var row in LiveRows.Build(paths, state, now))
        {
            table.AddRow(
                Markup.Escape(row.TaskId),
                $"[{Colour(row.State)}]{row.State}[/]",
                row.Attempt.ToString(CultureInfo.InvariantCulture),
                row.Elapsed is { } elapsed ? $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}" : "",
                Markup.Escape(row.LastLine));
        }
        var header = new Markup(
            $"[bold]run {Markup.Escape(state.RunId)}[/]  {Markup.Escape(status.Name())}  stage {Markup.Escape((state.IsFinished ? Stage.Finished : state.Stage).Name())}" +
            $"  ${state.CostUsd.ToString("0.00", CultureInfo.InvariantCulture)}  {Markup.Escape(state.IntegrationBranch)}");
        var events = new Rows(recent.Select(line => (IRenderable)new Text(line, new Style(Color.Grey))).ToArray());
        return new Rows(header, table, events);
    }

    private static string Colour(string state) => state switch
    {
        "merged" => "green",
        "failed" or "blocked" => "red",
        "running" or "verifying" => "yellow",
        "waiting_for_human" => "magenta",
        _ => "grey",
    };
}
