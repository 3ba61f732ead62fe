using System.Globalization;
using System.Text;
using System.Text.Json;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// What `otto status` says about providers backing off after a rate limit: each one whose backoff has not
/// ended, until when, why (the line its CLI printed) and how many attempts wait for it. Folded state only,
/// no file reads: status stays as fast as it is.
/// </summary>
public static class RateLimitView
{
    /// <summary>The backoffs still running at <paramref name="now"/> (none once the run ended).</summary>
    public static IEnumerable<ProviderLimit> Active(RunState state, DateTimeOffset now) =>
        state.IsFinished ? [] : state.RateLimits.Backoffs.Where(b => b.Until > now);

    /// <summary>What a task's live row says while its attempt waits for a backoff, or null.</summary>
    public static string? WaitingLine(RunState state, TaskState task, DateTimeOffset now) =>
        state.RateLimits.Waiting.FirstOrDefault(w => w.Task == task.Id && w.Attempt == task.Attempts) is { } waiter
        && Active(state, now).FirstOrDefault(b => b.Provider == waiter.Provider) is { } limit
            ? $"waiting for {limit.Provider}'s rate limit until {limit.Until.UtcDateTime:HH:mm:ss} UTC"
            : null;

    public static void Render(StringBuilder text, RunState state, DateTimeOffset now)
    {
        foreach (var limit in Active(state, now))
        {
            var left = SpendText.Duration(Math.Ceiling((limit.Until - now).TotalSeconds));
            var waiting = state.RateLimits.WaitingFor(limit.Provider) switch
            {
                0 => "",
                1 => ", 1 attempt waiting",
                var n => string.Create(CultureInfo.InvariantCulture, $", {n} attempts waiting"),
            };
            text.Append(CultureInfo.InvariantCulture,
                $"rate limit: {limit.Provider} backs off until {limit.Until.UtcDateTime:HH:mm:ss} UTC ({left} left, hit {limit.Hits}{waiting}): {limit.Reason}\n");
        }
    }

    /// <summary>`rate_limits`: [{provider, until, reason, hits, retry_after_s, waiting}], [] when none backs off.</summary>
    public static void Write(Utf8JsonWriter w, RunState state, DateTimeOffset now)
    {
        w.WriteStartArray("rate_limits");
        foreach (var limit in Active(state, now))
        {
            w.WriteStartObject();
            w.WriteString("provider", limit.Provider);
            w.WriteString("until", limit.Until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteString("reason", limit.Reason);
            w.WriteNumber("hits", limit.Hits);
            if (limit.RetryAfterS is { } after) w.WriteNumber("retry_after_s", after);
            else w.WriteNull("retry_after_s");
            w.WriteNumber("waiting", state.RateLimits.WaitingFor(limit.Provider));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
