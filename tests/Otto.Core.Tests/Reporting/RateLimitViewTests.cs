using System.Text;
using System.Text.Json;
using Otto.Reporting;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Reporting;

/// <summary>What `otto status` and the live view say about a provider backing off, from the folded state alone.</summary>
public sealed class RateLimitViewTests
{
    private static readonly DateTimeOffset Until = EventStream.Start.AddMinutes(2);

    private static EventStream Backoff() => new EventStream().Started().Plan("api", "docs")
        .Claim("api", 1, "t1").Claim("docs", 1, "t2")
        .Add(new ProviderBackoff("claude", Until, "API Error: 429 rate_limit_error", 2, 20))
        .Add(new ProviderBackoff("codex", EventStream.Start.AddSeconds(30), "429 Too Many Requests", 1))
        .Add(new RateLimitWait("claude", Until), "api", 1)
        .Add(new RateLimitWait("claude", Until), "docs", 1);

    [Fact]
    public void Status_names_each_provider_still_backing_off_with_its_reason_and_waiting_attempts()
    {
        var state = Backoff().Fold();
        var text = new StringBuilder();

        RateLimitView.Render(text, state, EventStream.Start.AddMinutes(1)); // codex's backoff is over by then

        Assert.Equal("rate limit: claude backs off until 12:02:00 UTC (1 min 00 s left, hit 2, 2 attempts waiting): API Error: 429 rate_limit_error\n", text.ToString());
    }

    [Fact]
    public void The_json_view_lists_active_backoffs_and_none_once_the_run_ended()
    {
        var stream = Backoff();

        var active = Json(stream.Fold(), EventStream.Start.AddMinutes(1));
        var ended = Json(stream.Add(new RunFinished(RunStatus.Canceled, null, "interrupted by SIGINT")).Fold(), EventStream.Start.AddMinutes(1));

        var limit = Assert.Single(active.EnumerateArray());
        Assert.Equal("claude", limit.GetProperty("provider").GetString());
        Assert.Equal("2025-01-01T12:02:00.000Z", limit.GetProperty("until").GetString());
        Assert.Equal(2, limit.GetProperty("hits").GetInt32());
        Assert.Equal(20, limit.GetProperty("retry_after_s").GetDouble());
        Assert.Equal(2, limit.GetProperty("waiting").GetInt32());
        Assert.Equal(0, ended.GetArrayLength());
    }

    [Fact]
    public void A_waiting_attempt_s_live_row_says_what_it_waits_for_until_the_backoff_ends()
    {
        var state = Backoff().Add(new RateLimitWaited("claude", 3), "docs", 1).Fold();

        Assert.Equal("waiting for claude's rate limit until 12:02:00 UTC", RateLimitView.WaitingLine(state, state.Task("api")!, EventStream.Start));
        Assert.Null(RateLimitView.WaitingLine(state, state.Task("docs")!, EventStream.Start)); // its wait ended
        Assert.Null(RateLimitView.WaitingLine(state, state.Task("api")!, Until)); // the backoff is over
    }

    private static JsonElement Json(RunState state, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            RateLimitView.Write(w, state, now);
            w.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.GetProperty("rate_limits").Clone();
    }
}
