namespace Otto.Tests.Parallel;

/// <summary>A line in events.ndjson that otto did not write (an agent or a person appended it) neither stops
/// the run nor breaks the sequence: readers and writers skip it, and it stays where it was. Agents are not
/// told where the run folder is, but one that climbs up from its attempt folder finds it.</summary>
public sealed class ForeignLogLineTests
{
    [Fact]
    public async Task A_run_goes_on_past_a_line_in_its_log_that_is_not_an_event()
    {
        var task = new TaskSpec("meddler", Sleep: 0) { Commands = ["sleep 0.5; echo 'note from the agent' >> \"$OTTO_ATTEMPT_DIR/../../../events.ndjson\""] };
        using var run = new ParallelRepo([task], concurrency: 1);

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "meddle with the log");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("succeeded", (string?)run.Final()["status"]);
        var lines = File.ReadAllLines(Path.Combine(run.RunDir, "events.ndjson"));
        Assert.Contains("note from the agent", lines);
        var seqs = lines.Where(l => l != "note from the agent").Select(l => (long)System.Text.Json.Nodes.JsonNode.Parse(l)!["seq"]!).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Contains(lines, l => l.Contains("\"run_finished\"", StringComparison.Ordinal));
    }
}
