using System.Globalization;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>One human line per event worth telling, for progress output; null for the rest.</summary>
public static class EventText
{
    public static string? Describe(RunEvent e)
    {
        var who = e.Task is null ? "" : $"{e.Task}: ";
        var attempt = e.Attempt is { } n ? n.ToString(CultureInfo.InvariantCulture) : "?";
        return e.Type switch
        {
            EventTypes.RunStarted => $"run {e.Str("run_id")} started: {e.Str("intent")}",
            EventTypes.StageStarted => $"{e.Str("stage")}: attempt {e.Long("attempt")} started",
            EventTypes.StageFinished when !e.Bool("ok") => $"{e.Str("stage")}: attempt {e.Long("attempt")} failed: {FailureSummary.OneLine(e.Obj("failure")?["reason"]?.ToString())}",
            EventTypes.ClassificationAccepted => $"classified: {e.Str("kind")}, {e.Str("size")}{(e.Bool("single_task") ? ", single task" : "")}",
            EventTypes.PlanRejected => $"plan rejected ({e.Strings("errors").Count} problems): {string.Join("; ", e.Strings("errors"))}",
            EventTypes.PlanAccepted => $"plan v{e.Long("version")} accepted: {Tasks(e)}",
            EventTypes.TaskClaimed => e.Bool("takeover")
                ? $"{who}attempt {attempt} taken over from a stale owner"
                : $"{who}attempt {attempt} ({e.Str("kind")}) started",
            EventTypes.AttemptRetried => $"{who}transient failure ({FailureSummary.OneLine(e.Str("reason"))}); retry {e.Long("retry")} in {e.Decimal("delay_s")}s",
            EventTypes.AttemptFinished => $"{who}agent finished in {e.Decimal("duration_s")}s, exit {e.Long("exit_code")?.ToString(CultureInfo.InvariantCulture) ?? "-"}"
                + (e.Str("killed_by") is { } killed ? $", stopped by {killed}" : "")
                + (e.Decimal("cost_usd") is { } cost ? $", ${cost.ToString("0.00", CultureInfo.InvariantCulture)}" : ""),
            EventTypes.StatusIngested when e.Str("error") is { } error => $"{who}status contract problem: {error}",
            EventTypes.StatusIngested when e.Str("source") == "status.json" => $"{who}status read from the fallback location status.json",
            EventTypes.VerifyFinished => e.Bool("passed") ? $"{who}verify passed" : $"{who}verify failed: `{e.Str("command")}` exited {e.Long("exit_code")}",
            EventTypes.AttemptFailed => $"{who}attempt {attempt} failed ({e.Str("kind")}): {FailureSummary.OneLine(e.Str("reason"))}",
            EventTypes.MergeConflict => $"{who}conflicts with merged work in {string.Join(", ", e.Strings("paths"))}",
            EventTypes.TaskMerged => $"{who}merged ({Short(e.Str("integration_sha"))})",
            EventTypes.BreakerTripped => $"{who}breaker tripped: the same failure ({e.Str("signature")}) {e.Long("count")} times",
            EventTypes.TaskFailed => $"{who}failed: {FailureSummary.OneLine(e.Obj("cause")?["reason"]?.ToString())}",
            EventTypes.TaskBlocked => $"{who}blocked: {e.Str("by")} did not succeed",
            EventTypes.TaskSkipped => $"{who}skipped: {e.Str("reason")}",
            EventTypes.TaskWaiting => $"{who}asks a human: {e.Str("question")}",
            EventTypes.HumanAnswered => $"{who}answered",
            EventTypes.IntegrationVerified => e.Bool("passed")
                ? $"integration branch verified on a clean checkout ({Short(e.Str("sha"))})"
                : $"integration branch failed verification: {FailureSummary.OneLine(e.Str("reason"))}",
            EventTypes.RunFinished => $"run {e.Str("status")}" + (e.Str("reason") is { } reason ? $": {FailureSummary.OneLine(reason)}" : ""),
            _ => null,
        };
    }

    /// <summary>The first line of a text that is not a failure (an intent), with a count of the others.</summary>
    public static string FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lines = text.Trim().Split('\n');
        return lines.Length > 1 ? lines[0].TrimEnd() + $" (+{lines.Length - 1} lines)" : lines[0];
    }

    public static string Short(string? sha) => sha is { Length: > 8 } ? sha[..8] : sha ?? "";

    private static string Tasks(RunEvent e) =>
        e.Data?["tasks"] is System.Text.Json.Nodes.JsonArray tasks
            ? $"{tasks.Count} task{(tasks.Count == 1 ? "" : "s")}: " + string.Join(", ", tasks.Select(t => (string?)t?["id"]))
            : "";
}
