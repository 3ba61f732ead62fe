using Otto.Runs;
using Otto.Events;

namespace Otto.Report;

/// <summary>Turns a <see cref="RunRecord"/> into the <see cref="RunView"/> the templates render (pure).</summary>
public static class RunViewBuilder
{
    public static RunView Build(RunRecord record, DateTimeOffset now)
    {
        var state = record.State;
        var start = state.CreatedAt;
        var end = record.Final?.FinishedAt ?? state.FinishedAt ?? (record.State.IsFinished ? record.History.LastEventAt : null) ?? now;
        var tasks = record.Tasks.Select(t => TaskSectionBuilder.Build(t, start)).ToList();
        var attempts = record.Tasks.SelectMany(t => t.Attempts).ToList();
        var plannerCost = record.Stages.Sum(s => s.Folder.CostUsd ?? 0m);
        return new RunView
        {
            RunId = state.RunId,
            Intent = state.Intent,
            Status = record.Final?.Status ?? state.Status.Name(),
            Finished = state.IsFinished,
            Reason = record.Final?.Reason ?? (state.Status == RunStatus.Succeeded ? null : state.Outcome?.Cause?.Reason),
            CauseKind = record.Final?.CauseKind ?? (state.Outcome?.Cause?.Kind is { } kind ? kind.Name() : null),
            CauseTask = record.Final?.CauseTask ?? state.Outcome?.Cause?.Task,
            BaseBranch = state.BaseBranch,
            BaseSha = Units.Short(state.BaseSha),
            IntegrationBranch = state.IntegrationBranch,
            HeadSha = record.HeadSha is null ? null : Units.Short(record.HeadSha),
            CreatedAt = Units.Time(start),
            FinishedAt = state.IsFinished ? Units.Time(end) : "still running",
            Duration = Units.Seconds(record.Final?.DurationS ?? (end - start).TotalSeconds),
            CostTotal = Reporting.SpendText.Cost(state.CostUsd, state.UnknownCosts),
            TokensIn = Units.Count(state.Tokens.Input),
            TokensOut = Units.Count(state.Tokens.Output),
            TokensCached = Units.Count(state.Tokens.Cached),
            PlannerCost = Reporting.SpendText.Cost(plannerCost, record.Stages.Count(s => s.Folder.CostUsd is null)),
            OttoVersion = record.Info.OttoVersion,
            TasksMerged = record.Tasks.Count(t => t.State == "merged"),
            TasksTotal = record.Tasks.Count,
            AttemptsTotal = attempts.Count,
            AttemptsFailed = attempts.Count(a => a.Span.Failure is not null),
            VerifyCommands = record.VerifyCommands,
            IntegrationVerified = state.IntegrationVerified == true,
            Tasks = tasks,
            Stages = [.. record.Stages.Select(StageRowOf)],
            Gantt = GanttLayout.Lay(start, end, Timeline(record, end)),
            Graph = PlanGraphLayout.Lay([.. tasks.Select(t => new GraphInputNode(t.Id, t.Title, t.State,
                $"{t.State} · {Plural(t.Attempts.Count, "attempt")} · {t.Cost}", t.DependsOn))]),
            Plans = [.. record.Plans.Select(p => new PlanVersionView(p.Version, p.Version == record.Plans.Count, MarkdownHtml.Render(p.Markdown), p.Markdown))],
            Review = record.Review is { } review
                ? new ReviewView(review.Verdict, review.Summary, [.. review.Findings.Select(f =>
                    new FindingRow(f.Severity, f.Line is { } line ? $"{f.Path}:{line}" : f.Path, f.Message, f.Task))])
                : null,
            DiffStat = record.DiffStat,
        };
    }

    /// <summary>Rows of the Gantt chart: classify and plan, each task, then the integration verification.</summary>
    private static List<GanttInputRow> Timeline(RunRecord record, DateTimeOffset end)
    {
        GanttInputRow StageRow(Stage stage) => new(stage.Name(), [.. record.History.Stages.Where(s => s.Stage == stage).Select(s =>
        {
            var result = s.End is null ? RunHistory.Results.Running : s.Ok == false || s.Failure is not null ? RunHistory.Results.Failed : "ok";
            return new GanttItem(s.Start, s.End ?? end, "stage-" + result, $"#{s.Attempt}", $"{stage.Name()} attempt {s.Attempt}: {result}, {Units.Seconds(((s.End ?? end) - s.Start).TotalSeconds)}");
        })]);
        var rows = new List<GanttInputRow> { StageRow(Stage.Classify), StageRow(Stage.Plan) };
        rows.RemoveAll(r => r.Items.Count == 0);
        foreach (var task in record.Tasks)
        {
            rows.Add(new GanttInputRow(task.Task.Id, [.. task.Attempts.Select(a =>
            {
                var why = a.Span.Failure is { } f ? $" ({f.Kind.Name()})" : "";
                var title = $"{task.Task.Id} attempt {a.Span.Attempt} ({a.Span.Kind.Name()}): {a.Span.Result}{why}, "
                    + $"{Units.Seconds(((a.Span.End ?? end) - a.Span.Start).TotalSeconds)}, {Units.Money(a.Folder.CostUsd)}";
                return new GanttItem(a.Span.Start, a.Span.End ?? end, a.Span.Result, $"#{a.Span.Attempt}", title);
            })]));
        }
        if (record.History.Stages.Any(s => s.Stage == Stage.Integrate)) rows.Add(StageRow(Stage.Integrate));
        return rows;
    }

    private static StageRow StageRowOf(StageRecord stage)
    {
        var span = stage.Span;
        var result = span.End is null ? "running" : span.Ok == false || span.Failure is not null ? "failed" : "ok";
        return new StageRow(span.Stage.Name(), span.Attempt, result, span.End is { } e ? Units.Seconds((e - span.Start).TotalSeconds) : "running",
            Units.Money(stage.Folder.CostUsd), span.Failure?.Reason, stage.Folder.VerifyLogs);
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
