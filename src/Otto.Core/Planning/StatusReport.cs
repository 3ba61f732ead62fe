namespace Otto.Planning;

/// <summary>
/// What otto made of an attempt's status contract. <see cref="Error"/> is a precise contract problem
/// (path, JSON error or schema error) or null; <see cref="Source"/> is the file used, or null.
/// </summary>
public sealed record StatusReport(
    string? Source,
    string? Outcome,
    string? Summary,
    string? FailureReason,
    string? FailureSignature,
    string? Question,
    IReadOnlyList<string> Learnings,
    IReadOnlyList<string> FilesChanged,
    string? Error)
{
    public static StatusReport Problem(string? source, string error) => new(source, null, null, null, null, null, [], [], error);
}

public static class Outcomes
{
    public const string Success = "success";
    public const string PartialSuccess = "partial_success";
    public const string Fail = "fail";
    public const string Retry = "retry";
    public const string NeedsHuman = "needs_human";
}
