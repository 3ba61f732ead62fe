namespace Otto.Contracts;

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
    /// <summary>Changes the task asks for in paths it does not own (status.json `amendments`).</summary>
    public IReadOnlyList<AmendmentRequest> Amendments { get; init; } = [];

    public static StatusReport Problem(string? source, string error) => new(source, null, null, null, null, null, [], [], error);

    /// <summary>The report with secrets masked in everything the agent wrote: it travels to events, the
    /// commit message, context.md, the next prompt and final.json.</summary>
    public StatusReport Redacted(Func<string, string> redact) => this with
    {
        Summary = Summary is null ? null : redact(Summary),
        FailureReason = FailureReason is null ? null : redact(FailureReason),
        FailureSignature = FailureSignature is null ? null : redact(FailureSignature),
        Question = Question is null ? null : redact(Question),
        Learnings = Learnings.Select(redact).ToList(),
        FilesChanged = FilesChanged.Select(redact).ToList(),
        Error = Error is null ? null : redact(Error),
        Amendments = Amendments.Select(a => a with { Change = redact(a.Change), Reason = a.Reason is null ? null : redact(a.Reason) }).ToList(),
    };
}

public static class Outcomes
{
    public const string Success = "success";
    public const string PartialSuccess = "partial_success";
    public const string Fail = "fail";
    public const string Retry = "retry";
    public const string NeedsHuman = "needs_human";
}
