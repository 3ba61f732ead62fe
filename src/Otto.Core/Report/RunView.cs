using Otto.Templates;

namespace Otto.Report;

/// <summary>
/// What the report and PR templates see (Scriban names the members in snake_case: `run.cost_total`).
/// Numbers are already formatted; texts are redacted and escaped by the template context, except the
/// *Html values, which are Markdown otto rendered safely.
/// </summary>
public sealed record RunView
{
    public required string RunId { get; init; }
    public required string Intent { get; init; }
    public required string Status { get; init; }
    public required bool Finished { get; init; }
    public string? Reason { get; init; }
    public string? CauseKind { get; init; }
    public string? CauseTask { get; init; }
    public required string BaseBranch { get; init; }
    public required string BaseSha { get; init; }
    public required string IntegrationBranch { get; init; }
    public string? HeadSha { get; init; }
    public required string CreatedAt { get; init; }
    public required string FinishedAt { get; init; }
    public required string Duration { get; init; }
    public required string CostTotal { get; init; }
    public required string TokensIn { get; init; }
    public required string TokensOut { get; init; }
    public required string TokensCached { get; init; }
    public required string PlannerCost { get; init; }
    public required string OttoVersion { get; init; }
    public required int TasksMerged { get; init; }
    public required int TasksTotal { get; init; }
    public required int AttemptsTotal { get; init; }
    public required int AttemptsFailed { get; init; }
    public required IReadOnlyList<string> VerifyCommands { get; init; }

    /// <summary>True when the integration branch passed the verify commands on a clean checkout.</summary>
    public required bool IntegrationVerified { get; init; }
    public required IReadOnlyList<TaskSection> Tasks { get; init; }
    public required IReadOnlyList<StageRow> Stages { get; init; }
    public required GanttChart Gantt { get; init; }
    public required PlanGraph Graph { get; init; }
    public required IReadOnlyList<PlanVersionView> Plans { get; init; }
    public ReviewView? Review { get; init; }
    public string? DiffStat { get; init; }
}

public sealed record TaskSection
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Role { get; init; }
    public required string State { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<string> DependsOn { get; init; }
    public required IReadOnlyList<string> OwnedPaths { get; init; }
    public string? Summary { get; init; }
    public HtmlFragment? SummaryHtml { get; init; }
    public required IReadOnlyList<AttemptRow> Attempts { get; init; }
    public required string Cost { get; init; }
    public required string TokensIn { get; init; }
    public required string TokensOut { get; init; }
    public string? MergedCommit { get; init; }

    /// <summary>The attempt whose work passed the verify commands and was merged, else null.</summary>
    public int? VerifiedAttempt { get; init; }
}

public sealed record AttemptRow
{
    public required int Number { get; init; }
    public required string Kind { get; init; }
    public required string Result { get; init; }
    public required string StartedAfter { get; init; }
    public required string Elapsed { get; init; }
    public required string AgentTime { get; init; }
    public required string Cost { get; init; }
    public required string TokensIn { get; init; }
    public required string TokensOut { get; init; }
    public required string TokensCached { get; init; }
    public string? Model { get; init; }
    public string? Commit { get; init; }
    public string? Summary { get; init; }
    public string? FailureKind { get; init; }
    public string? FailureCommand { get; init; }
    public string? FailureReason { get; init; }
    public required IReadOnlyList<LogText> VerifyLogs { get; init; }

    /// <summary>For a failed attempt: what the next attempt changed to fix it.</summary>
    public DiffView? FixDiff { get; init; }
}

public sealed record DiffView(int FixAttempt, string From, string To, IReadOnlyList<DiffLine> Lines, bool Cut);

/// <param name="Kind">add, del, hunk, meta or ctx.</param>
public sealed record DiffLine(string Kind, string Text);

public sealed record StageRow(string Stage, int Attempt, string Result, string Elapsed, string Cost, string? FailureReason, IReadOnlyList<LogText> VerifyLogs);

public sealed record PlanVersionView(int Version, bool Latest, HtmlFragment Html, string Markdown);

public sealed record ReviewView(string Verdict, string? Summary, IReadOnlyList<FindingRow> Findings);

public sealed record FindingRow(string Severity, string Location, string Message, string? Task);
