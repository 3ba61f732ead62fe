namespace Otto.Agents;

/// <summary>
/// Gemini CLI's fatal exits (checked in 0.61.0: the FatalError classes of its core package, each with its
/// own exit code, also named as the `error.type` of the stream's final result) and what each means to
/// otto. Other failures exit 1, or with an API error's HTTP status as the code (mod 256: 429 exits 173),
/// and are classified from their words.
/// </summary>
public static class GeminiExitCodes
{
    public sealed record Fatal(int Code, string Name, string Class, string What, string? Hint = null);

    public const int Auth = 41;
    public const int TurnLimit = 53;
    public const int UntrustedWorkspace = 55;

    public static readonly IReadOnlyList<Fatal> All =
    [
        new(Auth, "FatalAuthenticationError", FailureClasses.Auth, "gemini could not authenticate"),
        new(42, "FatalInputError", FailureClasses.Environment, "gemini rejected its input (an @-reference or a command it cannot run headless)"),
        new(44, "FatalSandboxError", FailureClasses.Environment, "gemini's sandbox could not start"),
        new(52, "FatalConfigError", FailureClasses.Environment, "gemini's configuration is invalid"),
        new(TurnLimit, "FatalTurnLimitedError", FailureClasses.Budget, "gemini reached its session turn limit", "raise model.maxSessionTurns in its settings.json"),
        new(54, "FatalToolExecutionError", FailureClasses.Environment, "a tool failed fatally (gemini stops on a full disk)"),
        new(UntrustedWorkspace, "FatalUntrustedWorkspaceError", FailureClasses.Environment, "gemini does not trust the worktree",
            "otto runs it with GEMINI_CLI_TRUST_WORKSPACE=true, which only GEMINI_RESTRICTED_MODE=true overrides; unset that"),
    ];

    /// <summary>The fatal exit the exit code or the final event's error type names, or null.</summary>
    public static Fatal? Of(int? exitCode, string? errorType) =>
        All.FirstOrDefault(f => f.Code == exitCode) ?? All.FirstOrDefault(f => f.Name == errorType);
}
