using System.Collections.Immutable;
using Otto.Cli.Output;
using Otto.Events;
using Otto.Runs;
using Spectre.Console;

namespace Otto.Tests.Output;

/// <summary>issue 9 #15: the live table's columns keep their width while states and output lines change,
/// and a long failure stays on its row.</summary>
public sealed class LiveTableTests
{
    [Fact]
    public void Columns_keep_their_width_whatever_the_rows_hold()
    {
        using var dir = new TempDir();
        var paths = new RunPaths(dir.Path);
        var early = Run(
            new TaskState { Id = "api", Title = "API", Phase = TaskPhase.Pending, Attempts = 1, LastFailure = new FailureInfo(FailureKind.Verification, "x") },
            new TaskState { Id = "db", Title = "DB", Phase = TaskPhase.Merged, Attempts = 1 });
        var later = Run(
            new TaskState { Id = "api", Title = "API", Phase = TaskPhase.WaitingForHuman, Attempts = 12 },
            new TaskState { Id = "db", Title = "DB", Phase = TaskPhase.Failed, Attempts = 3, LastFailure = new FailureInfo(FailureKind.Verification, "error: " + new string('w', 300)) });

        var first = Render(paths, early);
        var second = Render(paths, later);

        Assert.Equal(Separators(first, "api"), Separators(second, "api"));
        Assert.Equal(Separators(first, "db"), Separators(second, "db"));
        Assert.Equal(Separators(first, "api"), Separators(first, "db"));
        Assert.Single(second.Split('\n'), l => l.Contains("wwww", StringComparison.Ordinal));
        Assert.All(second.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.True(l.Length <= 100, l));
    }

    private static RunState Run(params TaskState[] tasks) =>
        new() { RunId = "20261128-000000-abcd", IntegrationBranch = "otto/20261128-000000-abcd", Tasks = [.. tasks], PlanVersion = 1 };

    private static string Render(RunPaths paths, RunState state)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 100;
        console.Write(LiveTable.Render(paths, state, RunStatus.Running, ImmutableList<string>.Empty, width: 100));
        return text.ToString();
    }

    /// <summary>Where the column separators are on a task's row.</summary>
    private static IReadOnlyList<int> Separators(string table, string task)
    {
        var row = table.Split('\n').Single(l => l.StartsWith("│ " + task + " ", StringComparison.Ordinal));
        return row.Select((c, i) => (c, i)).Where(p => p.c == '│').Select(p => p.i).ToList();
    }
}
