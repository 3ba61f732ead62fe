namespace Otto.Agents;

/// <summary>How to start an agent: its argv, environment changes (null removes a variable), and the
/// session id otto chose for it up front when the CLI lets us.</summary>
public sealed record AgentLaunch(
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string?> Environment,
    string? SessionId = null);
