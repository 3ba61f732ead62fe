using System.Text.Json.Nodes;

namespace Otto.Agents;

/// <summary>An attempt's agent output as `otto logs` shows it: rendered from the stream for CLI providers.</summary>
public static class AttemptLog
{
    /// <summary>The provider that ran the attempt, from the files it left (invocation.json, else result.json).</summary>
    public static string? Provider(AttemptFiles files)
    {
        foreach (var file in new[] { files.Invocation, files.Result })
        {
            try
            {
                if (File.Exists(file) && (string?)JsonNode.Parse(File.ReadAllText(file))?["provider"] is { } provider) return provider;
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }
        return null;
    }

    /// <summary>The rendered stream, or null when the provider's output is free text (print it raw).</summary>
    public static IEnumerable<string>? Rendered(AttemptFiles files) =>
        ProviderCatalog.StreamParser(Provider(files)) is { } parse ? AgentStreamText.Render(AgentStream.Read(files.Stdout, parse)) : null;

    /// <summary>Renders lines as they arrive (for --follow); null when the provider's output is free text.</summary>
    public static Func<string, IEnumerable<string>>? LineRenderer(AttemptFiles files) =>
        ProviderCatalog.StreamParser(Provider(files)) is { } parse ? line => AgentStreamText.Render(parse(line)) : null;
}
