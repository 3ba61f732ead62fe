namespace Otto.Agents;

/// <summary>For an agent whose start and retries are recorded only in its attempt folder's files (a
/// best-of variant, the reviewer choosing among variants): it writes no events of its own.</summary>
public sealed class QuietAgentObserver : IAgentObserver
{
    public static readonly QuietAgentObserver Instance = new();

    public void Started(AgentProcess process, AgentLaunch launch)
    {
    }

    public void Retrying(int retry, string reason, TimeSpan delay)
    {
    }
}
