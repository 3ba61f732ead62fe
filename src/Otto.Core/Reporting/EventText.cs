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
        return e.Body switch
        {
            RunStarted b => $"run {b.RunId} started: {b.Intent}",
            StageStarted b => $"{b.Stage.Name()}: attempt {b.Attempt} started",
            StageFinished { Ok: false } b => $"{b.Stage.Name()}: attempt {b.Attempt} failed: {FailureSummary.OneLine(b.Failure?.Reason)}",
            ClassificationAccepted b => $"classified: {b.Kind}, {b.Size}{(b.SingleTask ? ", single task" : "")}",
            PlanRejected b => $"plan rejected ({b.Errors.Count} problems): {string.Join("; ", b.Errors)}",
            PlanAccepted b => $"plan v{b.Version} accepted: {b.Tasks.Count} task{(b.Tasks.Count == 1 ? "" : "s")}: {string.Join(", ", b.Tasks.Select(t => t.Id))}",
            TaskClaimed b => b.Takeover
                ? $"{who}attempt {attempt} taken over from a stale owner"
                : $"{who}attempt {attempt} ({b.Kind.Name()}) started",
            AttemptRetried b => $"{who}transient failure ({FailureSummary.OneLine(b.Reason)}); retry {b.Retry} in {b.DelayS.ToString(CultureInfo.InvariantCulture)}s",
            ProviderBackoff b => $"{b.Provider} is rate limited (hit {b.Hits}): new {b.Provider} agents wait until {Clock(b.Until)}: {FailureSummary.OneLine(b.Reason)}",
            ProviderRecovered b => $"{b.Provider} got through: its rate-limit backoff is over",
            RateLimitWait { Stage: { } stage } b => $"{stage}: waits for {b.Provider}'s rate limit until {Clock(b.Until)} before its agent starts",
            RateLimitWait b => $"{who}attempt {attempt} waits for {b.Provider}'s rate limit until {Clock(b.Until)} before it starts",
            AttemptFinished b => $"{who}agent finished in {b.DurationS.ToString(CultureInfo.InvariantCulture)}s, exit {b.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}"
                + (b.KilledBy is { } killed ? $", stopped by {killed}" : "")
                + (b.CostUsd is { } cost ? $", ${cost.ToString("0.00", CultureInfo.InvariantCulture)}" : ""),
            StatusIngested { Error: { } error } => $"{who}status contract problem: {error}",
            StatusIngested { Source: "status.json" } => $"{who}status read from the fallback location status.json",
            VerifyFinished { PreExisting: true } b => $"{who}verify: `{b.Command}` fails only as it already did on the base commit (pre-existing; allowed by verify.baseline)",
            VerifyFinished b => b.Passed ? $"{who}verify passed" : $"{who}verify failed: `{b.Command}` exited {b.ExitCode}",
            AttemptFailed b => $"{who}attempt {attempt} failed ({b.Kind.Name()}): {FailureSummary.OneLine(b.Reason)}",
            MergeConflict b => $"{who}conflicts with merged work in {string.Join(", ", b.Paths)}",
            TaskMerged b => $"{who}merged ({Short(b.IntegrationSha)})",
            VariantFinished b => $"{who}variant {b.Variant} ({b.Provider}) " + (b.Verified ? "verified"
                : b.Question is not null ? "asks a human" : $"failed ({b.Failure?.Kind.Name()}): {FailureSummary.OneLine(b.Failure?.Reason)}"),
            VariantChosen b => $"{who}variant {b.Variant} chosen ({b.By})" + (b.Alternates.Count == 0 ? "" : $"; kept {string.Join(", ", b.Alternates.Select(a => a.Ref))}"),
            BreakerTripped b => $"{who}breaker tripped: the same failure ({b.Signature}) {b.Count} times",
            TaskFailed b => $"{who}failed: {FailureSummary.OneLine(b.Cause?.Reason)}",
            TaskBlocked b => $"{who}blocked: {b.By} did not succeed",
            TaskSkipped b => $"{who}skipped: {b.Reason}",
            TaskWaiting b => $"{who}asks a human: {b.Question}",
            HumanAnswered => $"{who}answered",
            IntegrationVerified b => b.Passed
                ? $"integration branch verified on a clean checkout ({Short(b.Sha)})"
                : $"integration branch failed verification: {FailureSummary.OneLine(b.Reason)}",
            LearningsCommitted b => $"learnings: {b.Count} new, committed to {b.Path} on the integration branch ({Short(b.Commit)})",
            BaselineStarted => "baseline: verifying the base commit, before any change",
            BaselineFinished { Passed: true } b => $"baseline: the base commit passes its checks{(b.Cached ? " (cached)" : "")}",
            BaselineFinished b => $"baseline: the base commit fails its checks ({b.Kind.Name()}){(b.Cached ? ", cached" : "")}: {FailureSummary.OneLine(b.Reason)}",
            AmendmentRequested b => $"{who}asks for {(b.Amendments.Count == 1 ? "an amendment" : $"{b.Amendments.Count} amendments")}: "
                + string.Join("; ", b.Amendments.Select(a => $"{a.Path} (owned by {(a.Owner is null ? "no task" : "task " + a.Owner)}): {FailureSummary.OneLine(a.Change)}")),
            AmendmentRouted b => $"{who}asked by {b.Requester} to change {b.Path} (amendment {b.Amendment})",
            AmendmentReopened b => $"{who}reopened to make amendment{(b.Amendments.Count == 1 ? "" : "s")} {string.Join(", ", b.Amendments)}",
            AmendmentMade b => $"{who}made amendment {b.Amendment} in {b.Path} ({Short(b.Commit)}); {b.Requester} goes on on top of it",
            AmendmentRefused b => $"{who}amendment {b.Amendment} ({b.Path}) refused: {FailureSummary.OneLine(b.Reason)}",
            IntegrityWarning b => $"integrity: {b.Detail}",
            RunFinished b => $"run {b.Status.Name()}" + (b.Reason is { } reason ? $": {FailureSummary.OneLine(reason)}" : ""),
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

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Short(string? sha) => sha is { Length: > 8 } ? sha[..8] : sha ?? "";

}
