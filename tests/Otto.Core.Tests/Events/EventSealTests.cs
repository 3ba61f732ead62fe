using System.Text;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Events;

/// <summary>A sealed log: only lines otto wrote with this run's key are events; everything else is reported.</summary>
public sealed class EventSealTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 1, 2, 3, TimeSpan.Zero);

    private static NewEvent Classify(int attempt) => new(new StageStarted(Stage.Classify, attempt));

    private static RunFolder Sealed()
    {
        var run = new RunFolder();
        EventSeal.CreateKey(run.Paths.Dir);
        return run;
    }

    [Fact]
    public void Every_line_otto_writes_carries_a_valid_seal_as_its_last_field()
    {
        using var run = Sealed();
        new EventLog(run.Paths.Events).AppendLocked([Classify(1), Classify(2)], Now);

        var lines = run.EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var seal = EventSeal.ForRun(run.Paths.Dir)!;

        Assert.All(lines, l => Assert.True(seal.Verify(Encoding.UTF8.GetBytes(l)), l));
        Assert.All(lines, l => Assert.Matches("\"mac\":\"[0-9a-f]{32}\"}$", l));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(run.Paths.Dir, EventSeal.KeyFileName)));
    }

    [Fact]
    public void A_forged_line_is_skipped_reported_and_kept_and_the_sequence_goes_on()
    {
        using var run = Sealed();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Classify(1)], Now);
        const string forged = "{\"seq\":2,\"ts\":\"2026-01-01T00:00:00Z\",\"type\":\"run_finished\",\"data\":{\"status\":\"succeeded\"}}";
        File.AppendAllText(run.Paths.Events, forged + "\n");

        var read = log.ReadFrom(0);
        var appended = log.AppendLocked([Classify(2)], Now).Events;

        Assert.Equal([1L], read.Events.Select(e => e.Seq));
        var problem = Assert.Single(read.Problems);
        Assert.Equal(("run_finished", 2L), (problem.Type, problem.Seq));
        Assert.Contains("did not write", problem.Describe(), StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(appended).Seq);
        Assert.Contains(forged, run.EventsText, StringComparison.Ordinal);
        Assert.Equal([1L, 2L], log.ReadAll().Select(e => e.Seq));
    }

    [Fact]
    public void A_line_sealed_with_another_runs_key_is_foreign()
    {
        using var run = Sealed();
        using var other = Sealed();
        new EventLog(other.Paths.Events).AppendLocked([Classify(1), Classify(2)], Now);
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Classify(1)], Now);
        File.AppendAllText(run.Paths.Events, other.EventsText.Split('\n')[1] + "\n");

        var read = log.ReadFrom(0);

        Assert.Single(read.Events);
        Assert.Single(read.Problems);
    }

    [Fact]
    public void A_replayed_line_does_not_continue_the_sequence()
    {
        using var run = Sealed();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Classify(1), Classify(2)], Now);
        File.AppendAllText(run.Paths.Events, run.EventsText.Split('\n')[0] + "\n");

        var read = log.ReadFrom(0);

        Assert.Equal([1L, 2L], read.Events.Select(e => e.Seq));
        Assert.Contains("does not continue the sequence", Assert.Single(read.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_removed_from_the_middle_are_lost_events_that_stop_the_run()
    {
        using var run = Sealed();
        var log = new EventLog(run.Paths.Events);
        log.AppendLocked([Classify(1), Classify(2), Classify(3)], Now);
        var lines = run.EventsText.Split('\n');
        File.WriteAllText(run.Paths.Events, lines[0] + "\n" + lines[2] + "\n");

        var problem = Assert.Single(log.ReadFrom(0).Problems);

        Assert.True(problem.Stops);
        Assert.Contains("events 2..2 are missing", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_commit_after_a_foreign_line_records_it_once()
    {
        using var run = Sealed();
        var journal = new RunJournal(run.Paths);
        journal.Append(new NewEvent(new RunStarted(EventStream.RunId, "x", "main", "b0", "otto/x", false)));
        File.AppendAllText(run.Paths.Events, "not an event at all\n");

        journal.Append(Classify(1));
        var state = new RunJournal(run.Paths).Commit(_ => [Classify(2)]).State;

        var warning = Assert.Single(state.Warnings);
        Assert.Equal("event_log", warning.What);
        Assert.Null(state.IntegrityFailure);
        Assert.Empty(state.UnreportedLogProblems);
        Assert.Equal(new StageProgress(Stage.Classify, 2), state.ActiveStage);
    }

    [Fact]
    public void The_mark_is_the_first_16_bytes_of_the_HMAC_SHA256_of_the_unsigned_line_in_lowercase_hex()
    {
        using var run = Sealed();
        new EventLog(run.Paths.Events).AppendLocked([Classify(1), Classify(2)], Now);
        var key = Convert.FromHexString(File.ReadAllText(Path.Combine(run.Paths.Dir, EventSeal.KeyFileName)).Trim());

        foreach (var line in run.EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = line.LastIndexOf(",\"mac\":\"", StringComparison.Ordinal);
            var unsigned = line[..at] + "}";
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(unsigned)))[..32];
            Assert.Equal(unsigned[..^1] + $",\"mac\":\"{expected}\"}}", line);
        }
    }

    [Fact]
    public void A_line_with_one_changed_byte_or_a_changed_mark_fails_the_check()
    {
        using var run = Sealed();
        new EventLog(run.Paths.Events).AppendLocked([Classify(1)], Now);
        var seal = EventSeal.ForRun(run.Paths.Dir)!;
        var line = Encoding.UTF8.GetBytes(run.EventsText.TrimEnd('\n'));

        var changedBody = (byte[])line.Clone();
        changedBody[10] ^= 1;
        var changedMark = (byte[])line.Clone();
        changedMark[^5] = changedMark[^5] == (byte)'0' ? (byte)'1' : (byte)'0';

        Assert.True(seal.Verify(line));
        Assert.False(seal.Verify(changedBody));
        Assert.False(seal.Verify(changedMark));
    }

    [Fact]
    public void A_long_log_checked_on_several_cores_reports_each_foreign_line_in_place_and_keeps_every_event_in_order()
    {
        // 10,000 events (several batches, each checked in parallel), with a forged line, a replayed line and
        // a line that is no event spread over different batches and chunks of a batch.
        using var run = Sealed();
        var log = new EventLog(run.Paths.Events);
        for (var i = 0; i < 10; i++) log.AppendLocked([.. Enumerable.Range(1, 1000).Select(Classify)], Now);
        var lines = run.EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var forged = lines[2999].Replace("\"attempt\":1000", "\"attempt\":7", StringComparison.Ordinal);
        lines.Insert(7000, "not an event");
        var replayed = lines[100];
        lines.Insert(5000, replayed);
        lines.Insert(3000, forged);
        File.WriteAllText(run.Paths.Events, string.Join('\n', lines) + "\n");

        var visited = new List<long>();
        var scan = log.Scan(0, 0, e =>
        {
            visited.Add(e.Seq);
            return true;
        });

        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), visited);
        Assert.Equal(["a line otto did not write (no valid seal); ignored", "a line that does not continue the sequence (seq 101 after 5000); ignored", "a line that is not an event; ignored"],
            scan.Problems.Select(p => p.Reason));
        var offsets = scan.Problems.Select(p => p.Offset).ToList();
        Assert.Equal([forged, replayed, "not an event"], offsets.Select(o => ReadLineAt(run.Paths.Events, o)));
        Assert.Equal(new FileInfo(run.Paths.Events).Length, scan.Offset);

        var stopped = log.Scan(0, 0, e => e.Seq < 4500);
        Assert.Equal(lines[4501], ReadLineAt(run.Paths.Events, stopped.Offset)); // just after seq 4500 (and the forged line)
    }

    private static string ReadLineAt(string file, long offset)
    {
        var bytes = File.ReadAllBytes(file);
        var end = Array.IndexOf(bytes, (byte)'\n', (int)offset);
        return Encoding.UTF8.GetString(bytes, (int)offset, end - (int)offset);
    }

    [Fact]
    public void A_line_appended_while_otto_decides_is_reported_not_stepped_over()
    {
        using var run = Sealed();
        var journal = new RunJournal(run.Paths);
        journal.Append(new NewEvent(new RunStarted(EventStream.RunId, "x", "main", "b0", "otto/x", false)));
        const string forged = "{\"seq\":999,\"ts\":\"2026-01-01T00:00:00Z\",\"type\":\"run_finished\",\"data\":{\"status\":\"succeeded\"}}\n";

        // The agent writes between otto's read of the log and its append: the moment the decision is made.
        journal.Commit(_ => { File.AppendAllText(run.Paths.Events, forged); return [Classify(1)]; });
        var state = journal.Commit(_ => [Classify(2)]).State;
        var fresh = new RunJournal(run.Paths).Read();

        var warning = Assert.Single(state.Warnings);
        Assert.Contains("type run_finished", warning.Detail, StringComparison.Ordinal);
        Assert.False(state.IsFinished);
        Assert.Single(fresh.Warnings);
        Assert.Equal(new StageProgress(Stage.Classify, 2), fresh.ActiveStage);
    }
}
