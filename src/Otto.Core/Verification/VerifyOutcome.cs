namespace Otto.Verification;

/// <summary>What verification decided. On failure, <see cref="Reason"/> is the failing command's own output, verbatim.</summary>
public sealed record VerifyOutcome(
    bool Passed,
    int? FailedIndex,
    string? Command,
    int? ExitCode,
    bool TimedOut,
    string? Reason,
    string? Signature,
    IReadOnlyList<string> Logs);
