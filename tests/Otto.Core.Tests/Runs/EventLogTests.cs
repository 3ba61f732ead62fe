using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

public sealed class EventLogTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private static NewEvent Probe(int i) => new(new UnknownEvent("probe", new JsonObject { ["i"] = i }.ToJsonString()));

    [Fact]
    public void Append_numbers_events_from_the_tail_of_the_log()
    {
        using var run = new RunFolder();
        var log = new EventLog(run.Paths.Events);

        var first = log.AppendLocked([Probe(1), Probe(2)], Now).Events;
        var second = log.AppendLocked([Probe(3)], Now).Events;

        Assert.Equal([1L, 2L], first.Select(e => e.Seq));
        Assert.Equal([3L], second.Select(e => e.Seq));
        Assert.Equal([1L, 2L, 3L], new EventLog(run.Paths.Events).ReadAll().Select(e => e.Seq));
    }

    [Fact]
    public void Each_event_is_one_line_of_json_with_seq_ts_and_type()
    {
        using var run = new RunFolder();
        new EventLog(run.Paths.Events).AppendLocked([new NewEvent(new TaskClaimed(new Owner("h", 1, 2, "t"), AttemptKind.Fix, false), "api", 2)], Now);

        var line = Assert.Single(run.EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(1, json.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal("2025-03-04T05:06:07.890Z", json.RootElement.GetProperty("ts").GetString());
        Assert.Equal("task_claimed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("api", json.RootElement.GetProperty("task").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("attempt").GetInt32());
        Assert.Equal("fix", json.RootElement.GetProperty("data").GetProperty("kind").GetString());
        Assert.EndsWith("\n", run.EventsText, StringComparison.Ordinal);
    }

    [Fact]
    public void Appending_nothing_writes_nothing()
    {
        using var run = new RunFolder();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Probe(1)], Now);
        var before = run.EventsText;

        var (events, length) = log.AppendLocked([], Now);

        Assert.Empty(events);
        Assert.Equal(before, run.EventsText);
        Assert.Equal(Encoding.UTF8.GetByteCount(before), length);
    }

    [Fact]
    public void Readers_ignore_a_torn_last_line()
    {
        using var run = new RunFolder();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Probe(1), Probe(2)], Now);
        var complete = new FileInfo(run.Paths.Events).Length;
        File.AppendAllText(run.Paths.Events, "{\"seq\":3,\"ts\":\"2025-03-04T05:06:07.890Z\",\"type\":\"pro");

        var (events, offset) = log.ReadFrom(0);

        Assert.Equal([1L, 2L], events.Select(e => e.Seq));
        Assert.Equal(complete, offset);
    }

    [Fact]
    public void A_torn_line_that_happens_to_be_valid_json_is_still_not_read_until_it_ends()
    {
        using var run = new RunFolder();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Probe(1)], Now);
        File.AppendAllText(run.Paths.Events, "{\"seq\":2,\"ts\":\"2025-03-04T05:06:07.890Z\",\"type\":\"probe\"}");

        Assert.Equal([1L], log.ReadAll().Select(e => e.Seq));
    }

    [Fact]
    public void The_next_writer_cuts_a_torn_line_and_continues_the_sequence()
    {
        using var run = new RunFolder();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Probe(1), Probe(2)], Now);
        File.AppendAllText(run.Paths.Events, "{\"seq\":3,\"ts\":\"2025-03-0");

        var appended = log.AppendLocked([Probe(3)], Now).Events;

        Assert.Equal(3, Assert.Single(appended).Seq);
        var lines = run.EventsText.Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.Equal(3, lines.Length - 1);
        Assert.All(lines[..^1], line => Assert.NotNull(RunEvent.TryParse(Encoding.UTF8.GetBytes(line))));
        Assert.Equal([1L, 2L, 3L], log.ReadAll().Select(e => e.Seq));
    }

    [Fact]
    public void A_log_whose_only_line_is_torn_starts_again_at_seq_1()
    {
        using var run = new RunFolder();
        File.WriteAllText(run.Paths.Events, "{\"seq\":1,\"ts\":");
        var log = new EventLog(run.Paths.Events);

        Assert.Empty(log.ReadAll());
        var appended = log.AppendLocked([Probe(1)], Now).Events;

        Assert.Equal(1, Assert.Single(appended).Seq);
        Assert.Equal(1, run.EventsText.Count(c => c == '\n'));
    }

    [Fact]
    public void Lines_that_are_not_events_are_skipped_by_the_writer_too_and_kept()
    {
        using var run = new RunFolder();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Probe(1)], Now);
        File.AppendAllText(run.Paths.Events, "this is not an event\n{\"seq\": \"x\"}\n\n");

        var appended = log.AppendLocked([Probe(2)], Now).Events;

        Assert.Equal(2, Assert.Single(appended).Seq);
        Assert.Equal([1L, 2L], log.ReadAll().Select(e => e.Seq));
        Assert.Contains("this is not an event\n", run.EventsText, StringComparison.Ordinal); // nothing destroyed
    }

    [Fact]
    public void A_file_with_no_event_in_its_last_thousand_lines_is_not_taken_for_a_log()
    {
        using var run = new RunFolder();
        File.WriteAllText(run.Paths.Events, string.Concat(Enumerable.Repeat("some other file\n", 1001)));
        var before = run.EventsText;

        var error = Assert.Throws<InvalidDataException>(() => new EventLog(run.Paths.Events).AppendLocked([Probe(1)], Now));

        Assert.Contains("events.ndjson", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, run.EventsText);
    }

    [Fact]
    public void ReadFrom_returns_only_newer_events_and_where_to_continue()
    {
        using var run = new RunFolder();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Probe(1), Probe(2)], Now);
        var (_, offset) = log.ReadFrom(0);
        log.AppendLocked([Probe(3), Probe(4)], Now);

        var (newer, next) = log.ReadFrom(offset);

        Assert.Equal([3L, 4L], newer.Select(e => e.Seq));
        Assert.Equal(new FileInfo(run.Paths.Events).Length, next);
        Assert.Empty(log.ReadFrom(next).Events);
    }

    [Fact]
    public void ReadFrom_past_the_end_of_a_replaced_log_starts_over()
    {
        using var run = new RunFolder();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Probe(1), Probe(2), Probe(3)], Now);
        var (_, offset) = log.ReadFrom(0);
        File.Delete(run.Paths.Events);
        log.AppendLocked([Probe(1)], Now);

        var (events, next) = log.ReadFrom(offset);

        Assert.Equal([1L], events.Select(e => e.Seq));
        Assert.True(next < offset);
    }

    [Fact]
    public void A_missing_log_reads_as_empty()
    {
        using var run = new RunFolder();

        var (events, offset) = new EventLog(run.Paths.Events).ReadFrom(0);

        Assert.Empty(events);
        Assert.Equal(0, offset);
        Assert.False(File.Exists(run.Paths.Events));
    }
}
