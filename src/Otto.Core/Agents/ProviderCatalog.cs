using Otto.Config;

namespace Otto.Agents;

/// <summary>Makes the provider adapter for an agent config; the one place that knows every provider.</summary>
public static class ProviderCatalog
{
    public static readonly IReadOnlyList<string> CliProviders = ["claude", "codex", "gemini"];

    public static IAgentProvider Create(AgentConfig agent, OttoConfig config, Func<Scenario> scenario) => agent.Provider switch
    {
        "scripted" => new ScriptedProvider(scenario()),
        "command" => new CommandProvider(),
        "claude" => new ClaudeProvider(),
        "codex" => new CodexProvider(),
        "gemini" => new GeminiProvider(),
        _ => throw new OttoException($"provider `{agent.Provider}` is not available in this build of otto", ExitCodes.Environment),
    };

    /// <summary>The executable a CLI provider runs, or null for built-in providers.</summary>
    public static string? Binary(AgentConfig agent, OttoConfig config) => agent.Provider switch
    {
        "claude" => config.Providers.Claude.Binary ?? "claude",
        "codex" => config.Providers.Codex.Binary ?? "codex",
        "gemini" => config.Providers.Gemini.Binary ?? "gemini",
        "command" => agent.Command is { Count: > 0 } command ? command[0] : null,
        _ => null,
    };

    /// <summary>The parser of a provider's stdout stream, or null when its output is free text.</summary>
    public static Func<string, IReadOnlyList<AgentStreamEvent>>? StreamParser(string? provider) => provider switch
    {
        "claude" => ClaudeStreamParser.Parse,
        "codex" => CodexStreamParser.Parse,
        "gemini" => GeminiStreamParser.Parse,
        _ => null,
    };
}
