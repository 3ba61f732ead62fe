using System.Text.Json.Nodes;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// A run folder reserved but never completed (a crash between reserving the id and writing run.json) is
/// listed as `abandoned` by `otto runs` and `otto status`, and removed by `otto gc`; a folder that was
/// reserved moments ago (a run being created) is left alone.
/// </summary>
public sealed class AbandonedRunTests
{
    private const string Abandoned = "20991231-000000-abcd";
    private const string JustReserved = "20991231-000001-abcd";

    [Fact]
    public async Task An_abandoned_run_folder_is_listed_as_such_and_gc_removes_it()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        var built = await project.BuildAsync();
        Assert.True(built.ExitCode == 0, built.ToString());
        var finished = Assert.Single(project.RunIds());
        var abandoned = Directory.CreateDirectory(Path.Combine(project.RunsDir, Abandoned)).FullName;
        Directory.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddMinutes(-5));
        var fresh = Directory.CreateDirectory(Path.Combine(project.RunsDir, JustReserved)).FullName;

        var runs = await project.OttoAsync("runs", "--json");
        var status = await project.OttoAsync("status");
        var statusJson = await project.OttoAsync("status", "--json", Abandoned);
        var dry = await project.OttoAsync("gc", "--dry-run");

        Assert.True(runs.ExitCode == 0, runs.ToString());
        var rows = JsonNode.Parse(runs.Stdout)!.AsArray().Select(r => ((string?)r!["run_id"], (string?)r["status"])).ToList();
        Assert.Equal([(Abandoned, "abandoned"), (finished, "succeeded")], rows);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.StartsWith($"run {Abandoned}: abandoned", status.Stdout, StringComparison.Ordinal);
        Assert.Equal("abandoned", (string?)JsonNode.Parse(statusJson.Stdout)!["status"]);
        Assert.Contains($"would {Abandoned}: remove abandoned run folder", dry.Stdout, StringComparison.Ordinal);
        Assert.True(Directory.Exists(abandoned), "a dry run removes nothing");

        var gc = await project.OttoAsync("gc");

        Assert.True(gc.ExitCode == 0, gc.ToString());
        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(fresh), "a folder reserved a moment ago may be a run being created");
        Assert.True(Directory.Exists(Path.Combine(project.RunsDir, finished)));
    }
}
