namespace Otto.Events;

/// <summary>Who works on an attempt: host, pid and process start time prove whether it is alive; the token
/// tells its events apart from a later owner's.</summary>
public sealed record Owner(string Host, int Pid, long StartTime, string Token);
