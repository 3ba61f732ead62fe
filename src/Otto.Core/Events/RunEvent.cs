namespace Otto.Events;

/// <summary>One line of events.ndjson. <see cref="Seq"/> is assigned under the run lock: 1, 2, 3... no gaps.</summary>
public sealed record RunEvent(long Seq, DateTimeOffset Ts, string? Task, int? Attempt, EventBody Body)
{
    /// <summary>The wire name of the event type (`task_merged`).</summary>
    public string Type => EventCatalog.NameOf(Body);

    public string ToJsonLine() => EventCodec.ToJsonLine(this);

    /// <summary>Parses one complete line; returns null for a line that is not a valid event.</summary>
    public static RunEvent? TryParse(ReadOnlySpan<byte> line) => EventCodec.TryParse(line);
}

/// <summary>An event not yet written: the log assigns its seq and timestamp.</summary>
public sealed record NewEvent(EventBody Body, string? Task = null, int? Attempt = null);
