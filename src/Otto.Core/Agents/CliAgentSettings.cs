using Otto.Config;

namespace Otto.Agents;

/// <summary>
/// How to start one CLI agent, from otto.yaml: the binary (providers.X.binary, default the CLI's name;
/// a relative path is relative to the repository), the model (the role's agent.model, else
/// providers.X.model), extra args, and the provider-specific knobs.
/// </summary>
public sealed record CliAgentSettings(
    string Provider,
    string Binary,
    string? Model,
    IReadOnlyList<string> Args,
    int? MaxTurns,
    string? PermissionMode,
    string? Sandbox)
{
    public static CliAgentSettings For(string provider, AgentConfig agent, OttoConfig config, string repoRoot)
    {
        var settings = Of(config, provider);
        var binary = ProgramPath.Resolve(settings.Binary ?? provider, repoRoot);
        return new CliAgentSettings(provider, binary, agent.Model ?? settings.Model, settings.Args, settings.MaxTurns, settings.PermissionMode, settings.Sandbox);
    }

    public static CliAgentSettings For(string provider, AgentRequest request) => For(provider, request.Agent, request.Config, request.RepoRoot);

    public static ProviderConfig Of(OttoConfig config, string provider) => provider switch
    {
        "claude" => config.Providers.Claude,
        "codex" => config.Providers.Codex,
        "gemini" => config.Providers.Gemini,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "not a CLI provider"),
    };
}
