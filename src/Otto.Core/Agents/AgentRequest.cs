using Otto.Config;

namespace Otto.Agents;

/// <summary>Everything a provider needs to start one agent for one stage, task and attempt.</summary>
public sealed record AgentRequest
{
    public required string Role { get; init; }
    public required string Stage { get; init; }
    public required string RunId { get; init; }
    public string? TaskId { get; init; }
    public int Attempt { get; init; } = 1;
    public required string Worktree { get; init; }
    public required AttemptFiles Files { get; init; }
    public required string Prompt { get; init; }
    public string? OutputFile { get; init; }
    public required AgentConfig Agent { get; init; }
    public required OttoConfig Config { get; init; }
    public required string RepoRoot { get; init; }

    /// <summary>What the agent should know beyond its prompt (written to <see cref="ContextFile"/> at launch).</summary>
    public string Context { get; init; } = "";

    /// <summary>In a best-of round, which variant (from 1) this agent is; null otherwise.</summary>
    public int? Variant { get; init; }

    public string StatusFile => Path.Combine(Worktree, ".ai", "status.json");

    /// <summary>`.ai/context.md` of the worktree: like everything under `.ai/`, never committed.</summary>
    public string ContextFile => Path.Combine(Worktree, ".ai", "context.md");

    /// <summary>The environment contract of contracts.md ("What an agent is given"). The run folder is otto's:
    /// an agent is told only about its own attempt folder.</summary>
    public IReadOnlyDictionary<string, string?> OttoEnvironment()
    {
        var env = new Dictionary<string, string?>
        {
            ["OTTO_RUN_ID"] = RunId,
            ["OTTO_ATTEMPT_DIR"] = Files.Dir,
            ["OTTO_CONTEXT_FILE"] = ContextFile,
            ["OTTO_STAGE"] = Stage,
            ["OTTO_WORKTREE"] = Worktree,
            ["OTTO_PROMPT_FILE"] = Files.Prompt,
            ["OTTO_STATUS_FILE"] = StatusFile,
            ["OTTO_ATTEMPT"] = Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OTTO_TASK_ID"] = TaskId,
            ["OTTO_OUTPUT_FILE"] = OutputFile,
            ["OTTO_VARIANT"] = Variant?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return env;
    }
}
