using System.Text.Json.Nodes;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

/// <summary>
/// A long log is read in batches, the next batch checked and parsed while this one is visited: every event
/// still arrives once and in order, foreign lines on either side of a batch's edge are reported where they
/// are, and a visit that stops in the middle says exactly where to continue.
/// </summary>
public sealed class EventLogScanTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static NewEvent Probe(int i) => new(new UnknownEvent("probe", new JsonObject { ["i"] = i }.ToJsonString()));

    /// <summary>10,000 events in one append, foreign lines around the first batch's edge (line 4,096) and in
    /// the third batch, and a torn last line.</summary>
    private static (RunFolder Run, EventLog Log) LongLog()
    {
        var run = new RunFolder(inMemory: true);
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([.. Enumerable.Range(1, 10_000).Select(Probe)], Now);
        var lines = File.ReadAllLines(run.Paths.Events).ToList();
        lines.Insert(4095, "foreign before the edge");
        lines.Insert(4097, "foreign after the edge");
        lines.Insert(9000, "{\"seq\": 12, \"not\": \"sealed\"}");
        File.WriteAllText(run.Paths.Events, string.Join('\n', lines) + "\n{\"seq\": 10001, \"torn");
        return (run, log);
    }

    [Fact]
    public void Every_event_of_a_long_log_is_visited_once_in_order_and_foreign_lines_are_reported()
    {
        var (run, log) = LongLog();
        using var _ = run;
        var seen = new List<long>();

        var scan = log.Scan(0, 0, e =>
        {
            seen.Add(e.Seq);
            return true;
        });

        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), seen);
        var text = File.ReadAllText(run.Paths.Events); // ASCII: chars are bytes
        long[] foreign = [text.IndexOf("foreign before", StringComparison.Ordinal), text.IndexOf("foreign after", StringComparison.Ordinal),
            text.IndexOf("{\"seq\": 12, \"not\"", StringComparison.Ordinal)];
        Assert.Equal(foreign, scan.Problems.Select(p => p.Offset));
        Assert.Equal(text.LastIndexOf('\n') + 1, scan.Offset); // up to the torn line, not into it
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4094)]
    [InlineData(4095)]
    [InlineData(6000)]
    [InlineData(10_000)]
    public void A_visit_that_stops_says_where_to_continue(int stopAt)
    {
        var (run, log) = LongLog();
        using var _ = run;

        var first = log.Scan(0, 0, e => e.Seq < stopAt);
        var rest = new List<long>();
        log.Scan(first.Offset, stopAt, e =>
        {
            rest.Add(e.Seq);
            return true;
        });

        Assert.Equal(Enumerable.Range(stopAt + 1, 10_000 - stopAt).Select(i => (long)i), rest);
    }

    [Fact]
    public void A_log_longer_than_a_read_with_a_line_longer_than_a_read_is_visited_whole_and_in_order()
    {
        // 5,000 events of ~700 bytes (3.5 MB: several of the scan's 1 MB reads, lines across each edge), a
        // 2.5 MB foreign line in the middle, then a stop at an event just past it and the rest read from there.
        using var run = new RunFolder(inMemory: true);
        var log = new EventLog(run.Paths.Events);
        var pad = new string('x', 600);
        log.AppendLocked([.. Enumerable.Range(1, 5_000).Select(i => new NewEvent(new UnknownEvent("probe", new JsonObject { ["i"] = i, ["pad"] = pad }.ToJsonString())))], Now);
        var lines = File.ReadAllLines(run.Paths.Events).ToList();
        lines.Insert(2500, "{\"huge\": \"" + new string('h', 2_500_000) + "\"}");
        File.WriteAllText(run.Paths.Events, string.Join('\n', lines) + "\n");
        var text = File.ReadAllText(run.Paths.Events);

        var seen = new List<long>();
        var whole = log.Scan(0, 0, e =>
        {
            seen.Add(e.Seq);
            return true;
        });
        var first = log.Scan(0, 0, e => e.Seq < 2600);
        var rest = new List<long>();
        log.Scan(first.Offset, 2600, e =>
        {
            rest.Add(e.Seq);
            return true;
        });

        Assert.Equal(Enumerable.Range(1, 5_000).Select(i => (long)i), seen);
        Assert.Equal([text.IndexOf("{\"huge\"", StringComparison.Ordinal)], whole.Problems.Select(p => p.Offset));
        Assert.Equal(text.Length, whole.Offset);
        Assert.Equal(Enumerable.Range(2601, 2_400).Select(i => (long)i), rest);
    }

    [Fact]
    public void A_writer_cutting_a_torn_last_line_while_a_long_log_is_scanned_does_not_fail_the_scan()
    {
        // ~8 MB (several reads) ending in a line a crash tore; while the reader folds the first events, a
        // writer (under the run lock, which readers do not take) cuts the torn line off as every append does.
        using var run = new RunFolder(inMemory: true);
        var log = new EventLog(run.Paths.Events);
        var pad = new string('x', 600);
        log.AppendLocked([.. Enumerable.Range(1, 12_000).Select(i => new NewEvent(new UnknownEvent("probe", new JsonObject { ["i"] = i, ["pad"] = pad }.ToJsonString())))], Now);
        File.AppendAllText(run.Paths.Events, "{\"seq\": 12001, \"torn");
        var whole = File.ReadAllText(run.Paths.Events).LastIndexOf('\n') + 1;

        var seen = new List<long>();
        var scan = log.Scan(0, 0, e =>
        {
            if (e.Seq == 1) new EventLog(run.Paths.Events).AppendLocked([], Now);
            seen.Add(e.Seq);
            return true;
        });

        Assert.Equal(whole, new FileInfo(run.Paths.Events).Length); // the torn line was cut
        Assert.Equal(Enumerable.Range(1, 12_000).Select(i => (long)i), seen);
        Assert.Equal(whole, scan.Offset);
        Assert.Empty(scan.Problems);
    }
}
