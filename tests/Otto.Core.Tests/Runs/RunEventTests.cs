using System.Text;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Tests.Runs;

public sealed class RunEventTests
{
    private static RunEvent? Parse(string line) => RunEvent.TryParse(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void A_line_reads_back_as_the_event_that_wrote_it()
    {
        var ts = new DateTimeOffset(2025, 6, 7, 8, 9, 10, 123, TimeSpan.Zero);
        var data = new JsonObject { ["reason"] = "ünïcode \"quoted\"\nnext line", ["n"] = 5, ["list"] = new JsonArray("a", "b") };
        var line = new RunEvent(42, ts, EventTypes.AttemptFailed, "api", 3, data).ToJsonLine();

        var back = Parse(line)!;

        Assert.DoesNotContain('\n', line);
        Assert.Equal(42, back.Seq);
        Assert.Equal(ts, back.Ts);
        Assert.Equal(EventTypes.AttemptFailed, back.Type);
        Assert.Equal("api", back.Task);
        Assert.Equal(3, back.Attempt);
        Assert.Equal("ünïcode \"quoted\"\nnext line", back.Str("reason"));
        Assert.Equal(5, back.Long("n"));
        Assert.Equal(["a", "b"], back.Strings("list"));
    }

    [Fact]
    public void Task_attempt_and_data_are_left_out_when_they_do_not_apply()
    {
        var line = new RunEvent(1, DateTimeOffset.UnixEpoch, EventTypes.RunStarted, null, null, null).ToJsonLine();

        Assert.Equal("{\"seq\":1,\"ts\":\"1970-01-01T00:00:00.000Z\",\"type\":\"run_started\"}", line);
    }

    [Fact]
    public void Timestamps_are_written_in_utc()
    {
        var local = new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.FromHours(2));
        var line = new RunEvent(1, local, "x", null, null, null).ToJsonLine();

        Assert.Contains("\"ts\":\"2025-01-01T12:00:00.000Z\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\"}")]
    [InlineData("{\"seq\":1,\"type\":\"x\"}")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\"}")]
    [InlineData("{\"seq\":\"one\",\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\"}")]
    [InlineData("{\"seq\":1,\"ts\":\"yesterday\",\"type\":\"x\"}")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\",\"task\":7}")]
    [InlineData("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\"")]
    public void Lines_that_are_not_events_parse_as_null(string line) => Assert.Null(Parse(line));

    [Fact]
    public void Data_accessors_return_nothing_for_missing_or_mistyped_values()
    {
        var e = Parse("{\"seq\":1,\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"x\",\"data\":{\"s\":5,\"b\":\"yes\",\"n\":\"7\"}}")!;

        Assert.Null(e.Str("s"));
        Assert.False(e.Bool("b"));
        Assert.Null(e.Long("n"));
        Assert.Null(e.Decimal("missing"));
        Assert.Null(e.Obj("s"));
        Assert.Empty(e.Strings("missing"));
    }
}
