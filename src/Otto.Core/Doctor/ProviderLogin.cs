using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Agents;

namespace Otto.Doctor;

/// <summary>
/// Whether an agent CLI has credentials, asked offline (nothing is sent to an API): `claude auth status`
/// (JSON with `loggedIn`, exit 0 when logged in; it knows API keys, OAuth tokens and Bedrock/Vertex),
/// `codex login status` (exit 0 when logged in; it does not see CODEX_API_KEY, which `codex exec` reads),
/// and for Gemini CLI, which has no such command, the inputs its headless mode checks before it exits 41:
/// GEMINI_API_KEY, GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_GENAI_USE_GCA, GOOGLE_GEMINI_BASE_URL,
/// CLOUD_SHELL / GEMINI_CLI_USE_COMPUTE_ADC, or `security.auth.selectedType` in its settings.json.
/// </summary>
public static class ProviderLogin
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Gemini CLI's auth variables (getAuthTypeFromEnv in 0.61): a key or URL counts when set, a switch when "true".</summary>
    private static readonly (string Name, bool IsSwitch)[] GeminiVariables =
    [
        ("GEMINI_API_KEY", false), ("GOOGLE_GENAI_USE_VERTEXAI", true), ("GOOGLE_GENAI_USE_GCA", true),
        ("GOOGLE_GEMINI_BASE_URL", false), ("CLOUD_SHELL", true), ("GEMINI_CLI_USE_COMPUTE_ADC", true),
    ];

    public static async Task<DoctorCheck> CheckAsync(string provider, string binary, CancellationToken ct)
    {
        var name = provider + " login";
        try
        {
            return provider switch
            {
                "claude" => Claude(name, await CliOutput.RunAsync(binary, ["auth", "status"], Timeout, ct).ConfigureAwait(false)),
                "codex" => Codex(name, await CliOutput.RunAsync(binary, ["login", "status"], Timeout, ct).ConfigureAwait(false), Environment.GetEnvironmentVariable),
                _ => Gemini(name, Environment.GetEnvironmentVariable, GeminiSettingsPath()),
            };
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return DoctorCheck.Warn(name, $"could not ask {binary}: {e.Message}", CliFailure.LoginHint(provider));
        }
    }

    /// <summary>Judges `claude auth status` (its JSON is on stdout; other lines may come with it).</summary>
    public static DoctorCheck Claude(string name, CliOutput.Result result)
    {
        if (result.TimedOut) return DoctorCheck.Warn(name, "`claude auth status` did not answer in time", CliFailure.LoginHint("claude"));
        var json = ParseObject(result.Text);
        if (json is null || (bool?)json["loggedIn"] is not { } loggedIn)
            return DoctorCheck.Warn(name, $"`claude auth status` did not say whether claude is logged in (exit code {result.ExitCode})", CliFailure.LoginHint("claude"));
        var how = string.Join(", ", new[] { (string?)json["authMethod"], (string?)json["apiKeySource"], (string?)json["apiProvider"] }.OfType<string>());
        return loggedIn
            ? DoctorCheck.Pass(name, $"`claude auth status`: logged in ({how})")
            : DoctorCheck.Fail(name, "`claude auth status`: not logged in, so every run would stop at its first agent", CliFailure.LoginHint("claude"));
    }

    /// <summary>Judges `codex login status`; CODEX_API_KEY counts too, as `codex exec` reads it.</summary>
    public static DoctorCheck Codex(string name, CliOutput.Result result, Func<string, string?> env)
    {
        var said = result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => !l.StartsWith("WARNING", StringComparison.Ordinal)) ?? "";
        if (result.ExitCode == 0) return DoctorCheck.Pass(name, $"`codex login status`: {said}");
        if (!string.IsNullOrEmpty(env("CODEX_API_KEY"))) return DoctorCheck.Pass(name, "CODEX_API_KEY is set (`codex exec` uses it)");
        var answer = result.TimedOut ? "did not answer in time" : said.Length > 0 ? said : $"exit code {result.ExitCode}";
        return DoctorCheck.Warn(name, $"`codex login status`: {answer}, and CODEX_API_KEY is not set", CliFailure.LoginHint("codex"));
    }

    /// <summary>Judges Gemini CLI's auth inputs: its environment variables, else settings.json's selectedType.</summary>
    public static DoctorCheck Gemini(string name, Func<string, string?> env, string settingsPath)
    {
        if (GeminiVariables.FirstOrDefault(v => v.IsSwitch ? env(v.Name) == "true" : !string.IsNullOrEmpty(env(v.Name))) is { Name: { } variable })
            return DoctorCheck.Pass(name, $"{variable} is set");
        if (File.Exists(settingsPath) && File.ReadAllText(settingsPath).Contains("\"selectedType\"", StringComparison.Ordinal))
            return DoctorCheck.Pass(name, $"{settingsPath} selects an auth method (security.auth.selectedType)");
        return DoctorCheck.Warn(name, $"no GEMINI_API_KEY (or another of {string.Join(", ", GeminiVariables.Skip(1).Select(v => v.Name))}) and no auth method in {settingsPath}: headless gemini would exit 41",
            CliFailure.LoginHint("gemini"));
    }

    /// <summary>Gemini CLI's user settings: $GEMINI_CLI_HOME or the home folder, then .gemini/settings.json.</summary>
    public static string GeminiSettingsPath() =>
        Path.Combine(Environment.GetEnvironmentVariable("GEMINI_CLI_HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".gemini", "settings.json");

    /// <summary>The first JSON object in a CLI's output.</summary>
    private static JsonObject? ParseObject(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end < start) return null;
        try
        {
            return JsonNode.Parse(text[start..(end + 1)]) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
