using Otto.Runs;
using Otto.Events;

namespace Otto.Report;

/// <summary>A task's section of the report: its attempts with times, costs, failures, logs and fix diffs.</summary>
public static class TaskSectionBuilder
{
    public static TaskSection Build(TaskRecord record, DateTimeOffset runStart)
    {
        var task = record.Task;
        var rows = record.Attempts.Select(a => Row(a, runStart)).ToList();
        for (var i = 0; i + 1 < rows.Count; i++)
        {
            if (rows[i].FailureReason is null && rows[i].FailureKind is null) continue;
            if (record.Attempts[i + 1].FixDiff is { } diff)
                rows[i] = rows[i] with { FixDiff = new DiffView(rows[i + 1].Number, Units.Short(diff.From), Units.Short(diff.To), Lines(diff.Text), diff.Cut) };
        }
        var summary = record.Attempts.Select(a => a.Folder.Summary).LastOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? task.Summary;
        var merged = record.Attempts.LastOrDefault(a => a.Span.Result == RunHistory.Results.Merged);
        return new TaskSection
        {
            Id = task.Id,
            Title = task.Title,
            Role = task.Role.Name(),
            State = record.State,
            Description = task.Description,
            DependsOn = task.DependsOn,
            OwnedPaths = task.OwnedPaths,
            Summary = summary,
            SummaryHtml = summary is null ? null : MarkdownHtml.Render(summary),
            Attempts = rows,
            Cost = Reporting.SpendText.Cost(task.CostUsd, task.UnknownCosts),
            TokensIn = Units.Count(task.Tokens.Input),
            TokensOut = Units.Count(task.Tokens.Output),
            MergedCommit = task.MergedCommit is null ? null : Units.Short(task.MergedCommit),
            VerifiedAttempt = merged?.Span.Attempt,
        };
    }

    private static AttemptRow Row(AttemptRecord attempt, DateTimeOffset runStart)
    {
        var span = attempt.Span;
        var folder = attempt.Folder;
        return new AttemptRow
        {
            Number = span.Attempt,
            Kind = span.Kind.Name(),
            Result = span.Result,
            StartedAfter = "+" + Units.Seconds((span.Start - runStart).TotalSeconds),
            Elapsed = span.End is { } end ? Units.Seconds((end - span.Start).TotalSeconds) : "running",
            AgentTime = Units.Seconds(folder.AgentSeconds),
            Cost = Units.Money(folder.CostUsd),
            TokensIn = Units.Count(folder.Tokens?.Input),
            TokensOut = Units.Count(folder.Tokens?.Output),
            TokensCached = Units.Count(folder.Tokens?.Cached),
            Model = folder.Model,
            Commit = span.Commit is null ? null : Units.Short(span.Commit),
            Summary = folder.Summary,
            FailureKind = span.Failure?.Kind is { } kind ? kind.Name() : null,
            FailureCommand = span.Failure?.Command,
            FailureReason = span.Failure?.Reason,
            VerifyLogs = folder.VerifyLogs,
        };
    }

    /// <summary>A unified diff's lines, each with the kind the report colours it by.</summary>
    public static IReadOnlyList<DiffLine> Lines(string diff) =>
        [.. diff.TrimEnd('\n').Split('\n').Select(line => new DiffLine(line switch
        {
            _ when line.StartsWith("diff --git", StringComparison.Ordinal) || line.StartsWith("index ", StringComparison.Ordinal)
                || line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal)
                || line.StartsWith("new file", StringComparison.Ordinal) || line.StartsWith("deleted file", StringComparison.Ordinal) => "meta",
            _ when line.StartsWith("@@", StringComparison.Ordinal) => "hunk",
            _ when line.StartsWith('+') => "add",
            _ when line.StartsWith('-') => "del",
            _ => "ctx",
        }, line))];
}
