using Otto.Agents;
using Otto.Config;

namespace Otto.Tests.Agents;

/// <summary>Captured sample streams (Fixtures/Streams) and the settings the parser tests judge them with.</summary>
internal static class StreamFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Streams", name);

    public static StreamSummary Summary(string name, Func<string, IReadOnlyList<AgentStreamEvent>> parse) => AgentStream.Summarize(Path(name), parse);

    public static AgentExit Exit(int? code, string? killedBy = null) => new(code, killedBy, TimeSpan.FromSeconds(3), DateTimeOffset.UtcNow);

    public static CliAgentSettings Settings(string provider, string? model = null, int? maxTurns = null) =>
        new(provider, provider, model, [], maxTurns, null, null);

    public static readonly IReadOnlyDictionary<string, PriceConfig> NoPrices = new Dictionary<string, PriceConfig>();
}
