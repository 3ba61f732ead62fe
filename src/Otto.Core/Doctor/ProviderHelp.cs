using System.Text.RegularExpressions;
using Otto.Agents;

namespace Otto.Doctor;

/// <summary>
/// Whether an agent CLI's help text shows the flags otto's invocation uses (see docs/providers.md).
/// A missing flag the invocation cannot do without fails: the CLI is too old (or not the CLI otto
/// thinks it is). A flag only some settings use warns, since CLIs do not list every flag in --help.
/// Claude's `--max-turns` is not checked: Claude Code hides it from --help but accepts it (its option
/// is declared with hideHelp() in 2.1.197).
/// </summary>
public static class ProviderHelp
{
    /// <summary>
    /// The version of each CLI otto's adapter was last checked against, flag by flag and event by event
    /// (the same versions tests/real-clis/versions.txt pins for the real-CLI tests).
    /// </summary>
    public static string CheckedVersion(string provider) => provider switch
    {
        "claude" => "2.1.197",
        "codex" => "0.171.0",
        "gemini" => "0.61.0",
        _ => "",
    };

    /// <summary>The installed version beside the one otto was checked against.</summary>
    public static string VersionNote(string provider, string? version)
    {
        var checkedVersion = CheckedVersion(provider);
        if (version is null) return $"version unknown; otto was checked against {checkedVersion}";
        return Regex.IsMatch(version, $@"(?<![\d.]){Regex.Escape(checkedVersion)}(?![\d.])")
            ? $"{version}, the version otto was checked against"
            : $"{version}; otto was checked against {checkedVersion}, so run `otto doctor --probe` once to try this one";
    }

    /// <summary>The arguments that print the help otto checks (codex's flags are its exec subcommand's).</summary>
    public static IReadOnlyList<string> HelpArguments(string provider) => provider == "codex" ? ["exec", "--help"] : ["--help"];

    /// <summary>The command line (and environment) otto starts the CLI with, with placeholders for what changes per run.</summary>
    public static string Invocation(CliAgentSettings settings)
    {
        var name = Path.GetFileName(settings.Binary);
        var argv = settings.Provider switch
        {
            "claude" => ClaudeProvider.Argv(settings with { Binary = name }, "PROMPT", "SESSION-UUID"),
            "codex" => CodexProvider.Argv(settings with { Binary = name }, "PROMPT", "WORKTREE"),
            _ => GeminiProvider.Argv(settings with { Binary = name }, "PROMPT"),
        };
        var env = settings.Provider == "gemini" ? GeminiProvider.TrustVariable + "=true " : "";
        return env + string.Join(' ', argv);
    }

    public static string InstallHint(string provider) => provider switch
    {
        "claude" => "install or update Claude Code (npm install -g @anthropic-ai/claude-code)",
        "codex" => "install or update the Codex CLI (npm install -g @openai/codex)",
        "gemini" => "install or update Gemini CLI (npm install -g @google/gemini-cli)",
        _ => $"install {provider}",
    };

    /// <summary>The flags (or, like stream-json, values) the invocation relies on; Required ones must show.</summary>
    public static IReadOnlyList<(string Flag, bool Required)> Flags(CliAgentSettings settings)
    {
        var flags = new List<(string, bool)>();
        switch (settings.Provider)
        {
            case "claude":
                flags.AddRange([("--print", true), ("--output-format", true), ("stream-json", true), ("--verbose", true), ("--permission-mode", true), ("--session-id", true)]);
                if (settings.Model is not null) flags.Add(("--model", false));
                break;
            case "codex":
                flags.AddRange([("--json", true), ("--cd", true)]);
                flags.Add(settings.Sandbox == CodexProvider.Bypass ? ("--dangerously-bypass-approvals-and-sandbox", true) : ("--sandbox", true));
                if (settings.Model is not null) flags.Add(("--model", false));
                break;
            case "gemini":
                flags.AddRange([("--prompt", true), ("--output-format", true), ("stream-json", true), ("--approval-mode", true)]);
                if (settings.Model is not null) flags.Add(("--model", false));
                break;
        }
        return flags;
    }

    public static IReadOnlyList<string> Missing(string helpText, IEnumerable<string> flags) =>
        flags.Where(flag => !Regex.IsMatch(helpText, $@"(?<![\w-]){Regex.Escape(flag)}(?![\w-])")).ToList();

    /// <summary>The verdict on one provider's help text.</summary>
    public static DoctorCheck Judge(CliAgentSettings settings, string where, string helpText)
    {
        var name = CheckName(settings.Provider, settings.Model);
        var command = $"`{string.Join(' ', [Path.GetFileName(settings.Binary), .. HelpArguments(settings.Provider)])}`";
        var flags = Flags(settings);
        var missingRequired = Missing(helpText, flags.Where(f => f.Required).Select(f => f.Flag));
        var missingOptional = Missing(helpText, flags.Where(f => !f.Required).Select(f => f.Flag));
        if (missingRequired.Count > 0)
            return DoctorCheck.Fail(name, $"{where}, but {command} does not show {string.Join(", ", missingRequired)}, which otto's invocation needs", InstallHint(settings.Provider));
        if (missingOptional.Count > 0)
            return DoctorCheck.Warn(name, $"{where}; {command} does not list {string.Join(", ", missingOptional)} (your otto.yaml uses it; some CLIs leave flags out of their help)",
                $"if runs fail with an unknown option, {InstallHint(settings.Provider)} or remove the setting from providers.{settings.Provider}");
        return DoctorCheck.Pass(name, $"{where}; {command} shows {string.Join(", ", flags.Select(f => f.Flag))}; otto runs: {Invocation(settings)}");
    }

    /// <summary>A provider's check name; the model tells apart two roles that use one CLI with different models.</summary>
    public static string CheckName(string provider, string? model) => model is null ? provider : $"{provider} ({model})";
}
