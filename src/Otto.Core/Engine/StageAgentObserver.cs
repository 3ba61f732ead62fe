using Otto.Agents;

namespace Otto.Engine;

/// <summary>Records a run-level stage agent's transient retries (they are not new attempts).</summary>
public sealed class StageAgentObserver(RunContext run, Stage stage, int attempt) : IAgentObserver
{
    public void Started(AgentProcess process, AgentLaunch launch)
    {
    }

    public void Retrying(int retry, string reason, TimeSpan delay) =>
        run.Journal.Append(new NewEvent(new AttemptRetried(retry, reason, Math.Round(delay.TotalSeconds, 1), stage, attempt)));
}
