using System.Globalization;
using System.Text;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// `otto status` as text. Like <see cref="StatusJson"/>, in parts: what the folded state alone decides
/// (<see cref="Parts"/>: the intro, the plan line, the task table and the cause, which
/// <see cref="StatusViewFile"/> keeps), and what is decided when it is shown (the status, the time so far,
/// rate limits, whether a driver runs, the user's checkout).
/// </summary>
public static class StatusText
{
    public sealed record Parts(string Stage, string Intro, string Plan, string Tasks);

    /// <summary><see cref="RunStatus.Stale"/>'s wire name (a test holds them together): the view passes
    /// statuses as names, so that showing it does not build the enum's name table.</summary>
    internal const string Stale = "stale";

    public static string Render(RunPaths paths, RunState state)
    {
        var now = DateTimeOffset.UtcNow;
        var rateLimits = new StringBuilder();
        RateLimitView.Render(rateLimits, state, now);
        var (status, driven) = StatusView.StatusAndDriver(paths, state);
        return Compose(state.RunId, status.Name(), PartsOf(state), SpendText.RunSeconds(state, now),
            state.IsFinished, rateLimits.ToString(), CheckoutWatch.Warning(CheckoutWatch.Shown(paths, driven, now)));
    }

    public static string Compose(string runId, string status, Parts parts, double seconds, bool finished, string rateLimits, string? checkoutWarning)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"run {runId}: {status} (stage {parts.Stage})\n");
        text.Append(parts.Intro);
        text.Append(CultureInfo.InvariantCulture, $"time:   {SpendText.Duration(seconds)}{(finished ? "" : " so far")}\n");
        text.Append(parts.Plan);
        text.Append(rateLimits);
        if (status == Stale) text.Append(CultureInfo.InvariantCulture, $"no otto process drives this run; continue it with `otto resume {runId}`\n");
        if (checkoutWarning is not null) text.Append("warning: ").Append(checkoutWarning).Append('\n');
        return text.Append(parts.Tasks).ToString();
    }

    public static Parts PartsOf(RunState state)
    {
        var intro = new StringBuilder();
        intro.Append(CultureInfo.InvariantCulture, $"intent: {state.Intent}\n");
        intro.Append(CultureInfo.InvariantCulture, $"branch: {state.IntegrationBranch}\n");
        intro.Append(CultureInfo.InvariantCulture, $"cost:   {SpendText.Cost(state.CostUsd, state.UnknownCosts)}{Unreported(state.UnknownCosts, "cost")}\n");
        intro.Append(CultureInfo.InvariantCulture, $"tokens: {SpendText.Tokens(state.Tokens, state.UnknownTokens)}\n");
        var plan = new StringBuilder();
        Replan.PlanVersions.Render(plan, state);
        return new Parts((state.IsFinished ? Stage.Finished : state.Stage).Name(), intro.ToString(), plan.ToString(), Tasks(state));
    }

    /// <summary>How many agent runs left the sum incomplete, so "unknown" is not mistaken for a failure.</summary>
    private static string Unreported(int count, string what) => count switch
    {
        0 => "",
        1 => $" (1 agent run reported no {what})",
        _ => $" ({count} agent runs reported no {what})",
    };

    private static string Tasks(RunState state)
    {
        var text = new StringBuilder();
        if (state.Tasks.Count > 0)
        {
            text.Append('\n');
            var width = Math.Max(4, state.Tasks.Max(t => t.Id.Length));
            foreach (var task in state.Tasks)
            {
                var view = TaskView.StateOf(task, state);
                // Cost, tokens and agent time, in columns; blank for a task no agent worked on yet.
                var spend = task.Attempts == 0 ? "" : $"{SpendText.Cost(task.CostUsd, task.UnknownCosts)}  {SpendText.TokensShort(task.Tokens, task.UnknownTokens)}  {SpendText.Duration(task.AgentSeconds)}";
                text.Append(CultureInfo.InvariantCulture, $"  {task.Id.PadRight(width)}  {view,-17}  attempts {task.Attempts}  {spend,-36}  {task.Title}\n");
                if (view is "failed" or "pending" && task.LastFailure?.Reason is { } reason)
                    text.Append(CultureInfo.InvariantCulture, $"  {"".PadRight(width)}  last failure ({task.LastFailure.Kind.Name()}): {FailureSummary.OneLine(reason)}\n");
                if (task.Question is { } question && view == "waiting_for_human")
                    text.Append(CultureInfo.InvariantCulture, $"  {"".PadRight(width)}  question: {question}\n");
                if (AmendmentView.WaitingOn(state, task) is { } waiting)
                    text.Append(CultureInfo.InvariantCulture, $"  {"".PadRight(width)}  waiting on {waiting}\n");
            }
        }
        if (state.Outcome?.Cause is { } cause && state.Status != RunStatus.Succeeded)
        {
            var task = cause.Task is null ? "" : $" (task {cause.Task})";
            var limit = cause.Limit is null ? "" : $", limit {cause.Limit.Name} = {cause.Limit.Value}";
            text.Append(CultureInfo.InvariantCulture, $"\ncause: {cause.Kind.Name()}{task}{limit}\n");
            text.Append("reason:\n");
            foreach (var line in (cause.Reason ?? "").Split('\n')) text.Append("  ").Append(line).Append('\n');
        }
        return text.ToString();
    }
}
