using Otto.Platform;
using Otto.Reporting;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Reporting;

/// <summary>
/// More runs whose status from the view must equal the loaded state's (found by a review): plan-only runs,
/// an unknown start, an intent with control characters and emoji, a rate limit that recovered, a run
/// finished and resumed, a run with no plan yet; and the hand-written duration against Utf8JsonWriter's.
/// </summary>
public sealed class StatusViewEquivalenceTests
{
    private static EventStream Scenario(string name)
    {
        var s = new EventStream();
        switch (name)
        {
            case "plan-only":
                s.Add(new RunStarted(EventStream.RunId, "plan only", "main", "base000", $"otto/{EventStream.RunId}", PlanOnly: true)).Plan("a", "b:a");
                break;
            case "no-created-at":
                s.Plan("a", "b:a");
                break;
            case "weird-intent":
                s.Add(new RunStarted(EventStream.RunId, "line1\r\nline2\n\ttab \"q\" \\ emoji 😀 ünï \u0007 </script> +&'", "main", "base000", $"otto/{EventStream.RunId}", PlanOnly: false))
                    .Plan("a", "very-long-task-id-xx:a").FailsWith("a", 1, "multi\r\nline 😀 reason");
                break;
            case "recovered":
                s.Started().Plan("a").Add(new ProviderBackoff("claude", EventStream.Start.AddMinutes(5), "429", 1)).Add(new ProviderRecovered("claude")).Claim("a", 1, "t");
                break;
            case "finished-resumed":
                s.Started().Plan("a").Add(new RunFinished(RunStatus.Failed, new FailureInfo(FailureKind.Limit, "budget\nexceeded", null), "stopped"))
                    .Add(new RunResumed("again"));
                break;
            case "empty-started":
                s.Started();
                break;
        }
        return s;
    }

    [Theory]
    [InlineData("plan-only", true)]
    [InlineData("plan-only", false)]
    [InlineData("no-created-at", false)]
    [InlineData("weird-intent", true)]
    [InlineData("weird-intent", false)]
    [InlineData("recovered", true)]
    [InlineData("finished-resumed", true)]
    [InlineData("finished-resumed", false)]
    [InlineData("empty-started", false)]
    public void Status_from_the_view_equals_the_loaded_state_s(string scenario, bool driven)
    {
        using var run = new RunFolder();
        StatusViewFileTests.Write(run, Scenario(scenario));

        StatusViewFileTests.ShownFromTheViewAsFromTheState(run, driven);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(1.1)]
    [InlineData(123456.789)]
    [InlineData(1e15)]
    [InlineData(12345678901234.567)]
    [InlineData(0.0)]
    public void The_hand_written_duration_is_what_Utf8JsonWriter_writes(double seconds)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer)) w.WriteNumberValue(seconds);
        var written = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Contains($"\"duration_s\": {written},", StatusDocument.SimpleTail(seconds, null), StringComparison.Ordinal);
    }

}

/// <summary>Any damage to the view's header or body makes Parse answer null or a view that composes: never an exception.</summary>
public sealed class StatusViewParseTests
{
    [Fact]
    public void Parse_never_throws_on_damaged_headers_and_cut_bodies()
    {
        using var run = new RunFolder();
        var journal = new RunJournal(run.Paths);
        foreach (var e in new EventStream().Started().Plan("a", "b:a").FailsWith("a", 1, "x ü 😀").Events) journal.Append(new NewEvent(e.Body, e.Task, e.Attempt));
        journal.SaveCache();
        var text = File.ReadAllText(StatusViewFile.PathOf(run.Paths));
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var fields = text[..end].Split(' ');
        var random = new Random(7);
        string[] values = ["0", "-1", "2147483647", "2147483648", "99999999999999999999", "", "+1", " 1", "1e3", "٣", "3155378975999999999", "3155378976000000000"];
        var parsed = 0;
        for (var i = 0; i < 20000; i++)
        {
            var f = (string[])fields.Clone();
            var n = random.Next(1, 4);
            for (var k = 0; k < n; k++)
            {
                var which = random.Next(4, 16);
                f[which] = random.Next(3) == 0 ? values[random.Next(values.Length)] : random.Next(0, text.Length + 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            var body = text[(end + 1)..];
            if (random.Next(4) == 0) body = body[..random.Next(body.Length)];
            var candidate = string.Join(' ', f) + "\n" + body;
            var view = StatusViewFile.Parse(candidate);
            if (view is null) continue;
            parsed++;
            _ = StatusDocument.Compose(view.Head, view.IfDriven, StatusDocument.SimpleTail(1, null)!);
            _ = StatusText.Compose(view.RunId, view.IfNot, view.Parts, 1, false, "", null);
        }
        Assert.InRange(parsed, 1, 19999); // some damage is harmless (a length that still adds up), most is refused
    }
}

/// <summary>Status from the view while a driver ends without a log line.</summary>
public sealed class StatusViewFinalRaceTests
{
    /// <summary>A driver that hits a full disk writes final.json (EmergencyFinal) without growing the log, then
    /// exits (its driver lock goes). At no moment is that run "stale": it is running, then it has a final.json.</summary>
    [Fact]
    public void A_run_ended_by_an_emergency_final_is_never_shown_stale()
    {
        var stale = 0;
        for (var i = 0; i < 200 && stale == 0; i++)
        {
            using var run = new RunFolder();
            var journal = new RunJournal(run.Paths);
            foreach (var e in new EventStream().Started().Plan("a").Claim("a", 1, "t").Events) journal.Append(new NewEvent(e.Body, e.Task, e.Attempt));
            journal.SaveCache();
            var driver = FileLock.Acquire(run.Paths.DriverLock);
            var spin = i % 200;
            var ender = new Thread(() =>
            {
                Thread.SpinWait(spin * 50);
                File.WriteAllText(run.Paths.Final, "{\"status\": \"failed\"}"); // EmergencyFinal: no log line
                driver.Dispose(); // the driver process exits
            });
            ender.Start();
            var shown = StatusView.FromViewFile(run.Paths, json: false);
            ender.Join();
            if (shown is not null && shown.Contains(": stale (", StringComparison.Ordinal)) stale++;
        }
        Assert.Equal(0, stale);
    }
}
