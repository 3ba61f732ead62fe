namespace Otto.Events;

/// <summary>
/// What an event says: one sealed record per event type, serialized as the line's `data`. Its wire
/// name (`type`) comes from <see cref="EventCatalog"/>; the envelope (`seq`, `ts`, `task`, `attempt`)
/// is <see cref="RunEvent"/>.
/// </summary>
public abstract record EventBody;

/// <summary>A type this version of otto does not know (a newer otto, or a test's probe): kept as raw JSON.</summary>
public sealed record UnknownEvent(string Type, string? RawData) : EventBody;
