namespace Otto.Config;

/// <summary>Which agent plays which role: the role's override over the default agent.</summary>
public static class AgentSelection
{
    public const string Planner = "planner";
    public const string Implementer = "implementer";
    public const string Reviewer = "reviewer";
    public const string Pilot = "pilot";

    public static readonly IReadOnlyList<string> Roles = [Planner, Implementer, Reviewer, Pilot];

    public static AgentConfig For(OttoConfig config, string role) =>
        role == Reviewer && config.Roles.Reviewer is null ? SecondOpinion(config) : Resolve(config, role);

    /// <summary>
    /// The reviewer nobody chose: a review is worth most as a second opinion, so it is the first agent
    /// otto.yaml configures anywhere (the default agent, the planner, the pilot, best_of_providers) whose
    /// provider or model differs from the implementer's; the implementer's own when there is none.
    /// </summary>
    private static AgentConfig SecondOpinion(OttoConfig config)
    {
        var implementer = Resolve(config, Implementer);
        var candidates = new[] { Default(config), Resolve(config, Planner), Resolve(config, Pilot) }
            .Concat(config.BestOfProviders.Select(p => p with { Provider = p.Provider ?? implementer.Provider }));
        return candidates.FirstOrDefault(c => c.Provider != implementer.Provider || c.Model != implementer.Model) ?? Resolve(config, Reviewer);
    }

    /// <summary>The default `agent`, with its provider filled in.</summary>
    private static AgentConfig Default(OttoConfig config) => config.Agent with { Provider = config.Agent.Provider ?? AgentConfig.DefaultProvider };

    private static AgentConfig Resolve(OttoConfig config, string role)
    {
        var overrides = role switch
        {
            Planner => config.Roles.Planner,
            Implementer => config.Roles.Implementer,
            Reviewer => config.Roles.Reviewer,
            Pilot => config.Roles.Pilot,
            _ => null,
        };
        var baseAgent = Default(config);
        if (overrides is null) return baseAgent;
        // A role naming another provider takes nothing provider-specific from the default agent.
        if (overrides.Provider is not null && overrides.Provider != baseAgent.Provider) return overrides;
        return overrides with
        {
            Provider = baseAgent.Provider,
            Model = overrides.Model ?? baseAgent.Model,
            Command = overrides.Command ?? baseAgent.Command,
            Scenario = overrides.Scenario ?? baseAgent.Scenario,
        };
    }

    /// <summary>The config with command-line overrides applied to every role.</summary>
    public static OttoConfig WithOverrides(OttoConfig config, string? provider, string? model)
    {
        if (provider is null && model is null) return config;
        AgentConfig? Apply(AgentConfig? agent) => agent is null ? null : agent with
        {
            Provider = provider ?? agent.Provider,
            Model = model ?? (provider is not null && provider != agent.Provider ? null : agent.Model),
        };
        return config with
        {
            Agent = Apply(config.Agent)!,
            Roles = new RolesConfig
            {
                Planner = Apply(config.Roles.Planner),
                Implementer = Apply(config.Roles.Implementer),
                Reviewer = Apply(config.Roles.Reviewer),
                Pilot = Apply(config.Roles.Pilot),
            },
        };
    }
}
