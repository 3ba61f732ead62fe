namespace Otto.Agents;

/// <summary>An adapter for one kind of agent: how to start it, and how to read what it printed.</summary>
public interface IAgentProvider
{
    string Name { get; }

    AgentLaunch Prepare(AgentRequest request);

    /// <summary>Reads the attempt's stdout/stderr after the process ended.</summary>
    AgentReport Read(AgentRequest request, AgentExit exit);
}
