namespace Otto.Agents;

/// <summary>
/// Environment variables a CLI agent sets for the programs it runs. When otto itself runs inside such
/// an agent, passing them on makes the nested CLI misbehave, so every agent otto starts goes without.
/// </summary>
public static class NestingVariables
{
    public static readonly IReadOnlyList<string> Names =
    [
        // Claude Code refuses to start when CLAUDECODE is set ("cannot be launched inside another
        // Claude Code session"); the other two make it attach to the parent's entrypoint and IDE.
        "CLAUDECODE",
        "CLAUDE_CODE_ENTRYPOINT",
        "CLAUDE_CODE_SSE_PORT",
        // Codex marks the commands it sandboxes; a nested codex would think it is sandboxed, offline.
        "CODEX_SANDBOX",
        "CODEX_SANDBOX_NETWORK_DISABLED",
        // Gemini CLI marks the shell commands it runs.
        "GEMINI_CLI",
    ];
}
