using Otto.Planning;
using Otto.Runs;

namespace Otto.Report;

/// <summary>
/// Everything `otto report` and `otto pr` show about a run, gathered once: the folded state, final.json,
/// each attempt's folder, the plan versions, the review, and what git says about the branches. Every
/// text in it comes from agents or logs and has been through the run's redactor.
/// </summary>
public sealed record RunRecord
{
    public required RunPaths Paths { get; init; }
    public required RunState State { get; init; }
    public required RunInfo Info { get; init; }
    public required RunHistory History { get; init; }
    public FinalSummary? Final { get; init; }
    public required IReadOnlyList<TaskRecord> Tasks { get; init; }
    public required IReadOnlyList<StageRecord> Stages { get; init; }
    public required IReadOnlyList<PlanVersion> Plans { get; init; }
    public ReviewFile? Review { get; init; }

    /// <summary>`git diff --stat base..head` of the integration branch, or null when there is no head.</summary>
    public string? DiffStat { get; init; }

    /// <summary>The verified head (final.json head_sha) or else the integration head otto recorded.</summary>
    public string? HeadSha => Final?.HeadSha ?? State.IntegrationHead;

    public IReadOnlyList<string> VerifyCommands => [.. Info.Config.Verify.Commands.Select(c => c.Run)];
}

/// <summary>final.json's fields the report needs.</summary>
public sealed record FinalSummary(string Status, string? Reason, string? CauseKind, string? CauseTask, string? HeadSha, double? DurationS, DateTimeOffset? FinishedAt);

public sealed record TaskRecord(TaskState Task, string State, IReadOnlyList<AttemptRecord> Attempts);

/// <param name="FixDiff">For an attempt after a failed one: what it changed (`git diff` between the
/// previous attempt's commit and its own on the task branch); null for a first attempt.</param>
public sealed record AttemptRecord(AttemptSpan Span, AttemptFolder Folder, string? BaseCommit, DiffText? FixDiff);

/// <summary>What an attempt folder holds: the agent's result.json and status.json, and the verify logs.</summary>
public sealed record AttemptFolder(
    string? Summary, string? Outcome, decimal? CostUsd, TokenCounts? Tokens, double? AgentSeconds, string? Model, string? Provider, IReadOnlyList<LogText> VerifyLogs);

/// <param name="Cut">True when only the end of the log is kept (logs can be gigabytes).</param>
public sealed record LogText(string Name, string Text, bool Cut);

public sealed record DiffText(string From, string To, string Text, bool Cut);

public sealed record StageRecord(StageSpan Span, AttemptFolder Folder);

public sealed record PlanVersion(int Version, PlanDocument? Plan, string Markdown);

/// <summary>The reviewer's answer kept in the run folder (contracts.md, `.ai/review.json`).</summary>
public sealed record ReviewFile(string Verdict, string? Summary, IReadOnlyList<ReviewFinding> Findings);

public sealed record ReviewFinding(string Path, int? Line, string Severity, string Message, string? Task);
