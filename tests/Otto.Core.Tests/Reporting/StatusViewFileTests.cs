using System.Text.RegularExpressions;
using Otto.Platform;
using Otto.Reporting;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Reporting;

/// <summary>
/// status-view, written beside state.json, must make `otto status` say exactly what loading the state
/// says, and must never be used when it is not exactly current.
/// </summary>
public sealed partial class StatusViewFileTests
{
    /// <summary>A run written through a real journal (which writes state.json and status-view).</summary>
    internal static RunJournal Write(RunFolder run, EventStream stream)
    {
        var journal = new RunJournal(run.Paths);
        foreach (var e in stream.Events) journal.Append(new NewEvent(e.Body, e.Task, e.Attempt));
        journal.SaveCache();
        return journal;
    }

    private static EventStream Busy(bool asking = true)
    {
        var stream = new EventStream().Started().Plan("core", "api:core", "docs", "ui:api")
            .Succeeds("core", cost: 0.25m)
            .FailsWith("api", 1, "tests failed — ünïcode: \"expected 200\"\u001b[31m red \u001b[0m\n\tat Api.Get()")
            .Add(new TaskFailed(new FailureInfo(FailureKind.Limit, "max_attempts reached\nthe test said — ünïcode \"quoted\"", null, new LimitHit("max_attempts", "1"), "api", Fatal: true)), "api")
            .Add(new TaskBlocked("api"), "ui")
            .Claim("docs", 1, "d1").AgentStarted("docs", 1);
        return asking ? stream.Add(new TaskWaiting("Which license, MIT or Apache-2.0?"), "docs", 1) : stream;
    }

    [Theory]
    [InlineData(true, false, "running")]
    [InlineData(false, false, "stale")]
    [InlineData(false, true, "waiting_for_human")]
    public void Status_from_the_view_is_what_the_loaded_state_says(bool driven, bool asking, string expected)
    {
        using var run = new RunFolder();
        Write(run, Busy(asking));

        var (json, text) = ShownFromTheViewAsFromTheState(run, driven);

        Assert.Contains($"\"status\": \"{expected}\"", json, StringComparison.Ordinal);
        Assert.StartsWith($"run {EventStream.RunId}: {expected} (stage execute)\n", text, StringComparison.Ordinal);
        Assert.Equal(expected == "stale", text!.Contains("no otto process drives this run", StringComparison.Ordinal));
        Assert.Contains("ünïcode", text, StringComparison.Ordinal); // the view is read back as the UTF-8 it was written in
        Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(json).RootElement.ValueKind);
    }

    /// <summary>Status (JSON, text) from the view, asserted equal to status from the loaded state but for the duration.</summary>
    internal static (string Json, string Text) ShownFromTheViewAsFromTheState(RunFolder run, bool driven)
    {
        using var driver = driven ? FileLock.Acquire(run.Paths.DriverLock) : null;
        var state = new RunJournal(run.Paths).Read();
        var json = StatusView.FromViewFile(run.Paths, json: true);
        var text = StatusView.FromViewFile(run.Paths, json: false);
        Assert.NotNull(json);
        Assert.NotNull(text);
        Assert.Equal(Timeless(StatusView.JsonText(run.Paths, state)), Timeless(json));
        Assert.Equal(Timeless(StatusText.Render(run.Paths, state)), Timeless(text));
        return (json, text);
    }

    [Fact]
    public void A_view_changed_by_anyone_else_is_not_used()
    {
        using var run = new RunFolder();
        Otto.Events.EventSeal.CreateKey(run.Paths.Dir);
        Write(run, Busy());
        var path = StatusViewFile.PathOf(run.Paths);
        Assert.NotNull(StatusView.FromViewFile(run.Paths, json: true)); // otto's own is used
        var text = File.ReadAllText(path);
        Assert.StartsWith("mac ", text, StringComparison.Ordinal);
        var view = text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];

        // Its words changed under its mark (a failed task shown merged), then without any mark at all.
        File.WriteAllText(path, text.Replace("\"failed\"", "\"merged\"", StringComparison.Ordinal));
        var edited = StatusView.FromViewFile(run.Paths, json: true);
        File.WriteAllText(path, view);
        var unmarked = StatusView.FromViewFile(run.Paths, json: true);

        Assert.Contains("\"failed\"", text, StringComparison.Ordinal);
        Assert.Null(edited);
        Assert.Null(unmarked);
    }

    [Fact]
    public void A_view_behind_the_log_is_not_used()
    {
        using var run = new RunFolder();
        var journal = Write(run, Busy());
        var old = File.ReadAllText(StatusViewFile.PathOf(run.Paths));
        journal.Append(new NewEvent(new TaskWaiting("another question?"), "ui", 1));
        File.WriteAllText(StatusViewFile.PathOf(run.Paths), old); // as if its writer had died before refreshing it

        Assert.Null(StatusView.FromViewFile(run.Paths, json: true));
    }

    [Fact]
    public void A_view_written_by_another_build_or_for_another_run_is_not_used()
    {
        using var run = new RunFolder();
        Write(run, Busy());
        var path = StatusViewFile.PathOf(run.Paths);
        var text = File.ReadAllText(path);
        var fields = text[..text.IndexOf('\n', StringComparison.Ordinal)].Split(' ');

        File.WriteAllText(path, text.Replace(fields[2], new string('0', fields[2].Length), StringComparison.Ordinal));
        Assert.Null(StatusView.FromViewFile(run.Paths, json: true));
        File.WriteAllText(path, text.Replace(fields[3], "20250101-120000-ffff", StringComparison.Ordinal));
        Assert.Null(StatusView.FromViewFile(run.Paths, json: true));
        File.WriteAllText(path, text);
        Assert.NotNull(StatusView.FromViewFile(run.Paths, json: true));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("longer")]
    [InlineData("quote in a status")]
    [InlineData("status outside the head")]
    [InlineData("no header")]
    public void A_damaged_view_is_not_used(string damage)
    {
        using var run = new RunFolder();
        Write(run, Busy());
        var path = StatusViewFile.PathOf(run.Paths);
        var text = File.ReadAllText(path);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var fields = text[..end].Split(' ');
        string Header(int field, string value) => string.Join(' ', fields.Select((f, i) => i == field ? value : f)) + text[end..];

        File.WriteAllText(path, damage switch
        {
            "truncated" => text[..^10],
            "longer" => text + "x",
            "quote in a status" => Header(7, "st\"ale"),
            "status outside the head" => Header(10, fields[9]),
            _ => text[(end + 1)..],
        });

        Assert.Null(StatusView.FromViewFile(run.Paths, json: true));
        Assert.Null(StatusView.FromViewFile(run.Paths, json: false));
    }

    [Fact]
    public void A_finished_run_and_a_provider_backing_off_have_no_view()
    {
        using var run = new RunFolder();
        var journal = Write(run, Busy());
        Assert.True(File.Exists(StatusViewFile.PathOf(run.Paths)));

        journal.Append(new NewEvent(new ProviderBackoff("claude", EventStream.Start.AddMinutes(5), "429", 1)));
        journal.SaveCache();
        Assert.False(File.Exists(StatusViewFile.PathOf(run.Paths)));

        journal.Append(new NewEvent(new ProviderRecovered("claude")));
        journal.SaveCache();
        Assert.True(File.Exists(StatusViewFile.PathOf(run.Paths)));

        journal.Append(new NewEvent(new RunFinished(RunStatus.Failed, null, "stopped")));
        journal.SaveCache();
        Assert.False(File.Exists(StatusViewFile.PathOf(run.Paths)));
        Assert.Null(StatusView.FromViewFile(run.Paths, json: true));
    }

    [Fact]
    public void A_final_json_sends_status_the_long_way()
    {
        using var run = new RunFolder();
        Write(run, Busy());
        File.WriteAllText(run.Paths.Final, "{\"status\": \"succeeded\"}"); // someone else's: status must reconcile it

        Assert.Null(StatusView.FromViewFile(run.Paths, json: true));
    }

    [Fact]
    public void The_stale_name_the_view_compares_with_is_the_enum_s()
    {
        Assert.Equal(StatusText.Stale, RunStatus.Stale.Name());
    }

    /// <summary>The output without the run's duration, which grows between two calls.</summary>
    internal static string Timeless(string status) => Duration().Replace(status, "");

    [GeneratedRegex(@"^\s*(""duration_s"": .*|time: .*)$\n?", RegexOptions.Multiline)]
    private static partial Regex Duration();
}
