namespace Otto.Agents;

/// <summary>Any program as an agent: the configured argv with otto's environment; the prompt is in
/// $OTTO_PROMPT_FILE. A relative program path is the user's checkout's (<see cref="ProgramPath"/>).</summary>
public sealed class CommandProvider : IAgentProvider
{
    public string Name => "command";

    public AgentLaunch Prepare(AgentRequest request)
    {
        var argv = request.Agent.Command is { Count: > 0 } command
            ? command
            : throw new OttoException("otto.yaml: agent.command must name the program to run when provider is command");
        return new AgentLaunch([ProgramPath.Resolve(argv[0], request.RepoRoot), .. argv.Skip(1)], request.OttoEnvironment());
    }

    /// <summary>How it ended, and what it spent as its status file's `usage` reports (else unknown).</summary>
    public AgentReport Read(AgentRequest request, AgentExit exit)
    {
        var (cost, tokens) = StatusUsage.Read(request.Worktree);
        var report = exit.ExitCode switch
        {
            0 => AgentReport.Plain(true, null, null),
            null => AgentReport.Plain(false, FailureClasses.Deterministic, exit.KilledBy is null ? "the agent process vanished without an exit status" : null),
            var code => AgentReport.Plain(false, FailureClasses.Deterministic, $"the agent exited with code {code}" + StderrTail(request.Files)),
        };
        return report with { CostUsd = cost, Tokens = tokens };
    }

    internal static string StderrTail(AttemptFiles files, int maxChars = 2000)
    {
        var text = AgentStream.Tail(files.Stderr, maxChars);
        return text.Length == 0 ? "" : ":\n" + text;
    }
}
