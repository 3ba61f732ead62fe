using System.CommandLine;
using System.Globalization;
using Otto.Engine;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto status [RUN] [--json]`: what a run is doing; RUN defaults to the newest.</summary>
public static class StatusCommand
{
    private static readonly Argument<string?> RunArgument = new("run") { Description = "The run id (default: the newest).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<bool> Json = CommonOptions.Json("Machine-readable status on stdout.");
    private static readonly Option<bool> Watch = new("--watch", "-w") { Description = "Follow the run until it ends: a live table on a terminal, plain lines otherwise." };

    public static Command Create(CliIO io)
    {
        var command = new Command("status", "Show what a run is doing.") { RunArgument, Json, Watch };
        command.SetAction(async (parsed, ct) =>
        {
            var (_, home) = CommonOptions.Repo(parsed);
            if (AbandonedFolder(home, parsed.GetValue(RunArgument)) is { } abandoned)
            {
                io.Out.WriteLine(parsed.GetValue(Json) ? AbandonedJson(abandoned) : $"run {abandoned}: {RunCatalog.AbandonedStatus} (its creation was interrupted before run.json was written; `otto gc` removes it)");
                return ExitCodes.Succeeded;
            }
            var paths = home.Run(RunCatalog.Resolve(home, parsed.GetValue(RunArgument)));
            if (parsed.GetValue(Watch))
            {
                if (parsed.GetValue(Json)) throw new OttoException("--watch and --json do not go together; poll `otto status --json` instead");
                return await StatusWatch.RunAsync(io, paths, ct).ConfigureAwait(false);
            }
            var journal = new RunJournal(paths);
            if (journal.Read().IsFinished || File.Exists(paths.Final)) FinalFile.Reconcile(journal, () => RunInfo.Load(paths));
            var state = journal.Read();
            if (parsed.GetValue(Json)) io.Out.WriteLine(StatusView.JsonText(paths, state));
            else io.Out.Write(Render(paths, state));
            return ExitCodes.Succeeded;
        });
        return command;
    }

    /// <summary>The run asked for, or the newest run folder, when it is an abandoned one.</summary>
    private static string? AbandonedFolder(OttoHome home, string? runId)
    {
        if (runId is not null) return RunId.IsValid(runId) && RunCatalog.IsAbandoned(home.Run(runId)) ? runId : null;
        var newest = RunCatalog.Ids(home).FirstOrDefault();
        var abandoned = RunCatalog.Abandoned(home).FirstOrDefault();
        return abandoned is not null && (newest is null || string.CompareOrdinal(abandoned, newest) > 0) ? abandoned : null;
    }

    private static string AbandonedJson(string runId) => new System.Text.Json.Nodes.JsonObject
    {
        ["schema_version"] = 1,
        ["run_id"] = runId,
        ["status"] = RunCatalog.AbandonedStatus,
        ["stage"] = null,
        ["reason"] = "its creation was interrupted before run.json was written",
        ["tasks"] = new System.Text.Json.Nodes.JsonArray(),
        ["cost_usd"] = 0m,
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    /// <summary>How many agent runs left the sum incomplete, so "unknown" is not mistaken for a failure.</summary>
    private static string Unreported(int count, string what) => count switch
    {
        0 => "",
        1 => $" (1 agent run reported no {what})",
        _ => $" ({count} agent runs reported no {what})",
    };

    public static string Render(RunPaths paths, RunState state)
    {
        var text = new System.Text.StringBuilder();
        var status = StatusView.StatusOf(paths, state);
        text.Append(CultureInfo.InvariantCulture, $"run {state.RunId}: {status.Name()} (stage {(state.IsFinished ? Stage.Finished : state.Stage).Name()})\n");
        text.Append(CultureInfo.InvariantCulture, $"intent: {state.Intent}\n");
        text.Append(CultureInfo.InvariantCulture, $"branch: {state.IntegrationBranch}\n");
        text.Append(CultureInfo.InvariantCulture, $"cost:   {SpendText.Cost(state.CostUsd, state.UnknownCosts)}{Unreported(state.UnknownCosts, "cost")}\n");
        text.Append(CultureInfo.InvariantCulture, $"tokens: {SpendText.Tokens(state.Tokens, state.UnknownTokens)}\n");
        text.Append(CultureInfo.InvariantCulture, $"time:   {SpendText.Duration(SpendText.RunSeconds(state, DateTimeOffset.UtcNow))}{(state.IsFinished ? "" : " so far")}\n");
        Otto.Replan.PlanVersions.Render(text, state);
        RateLimitView.Render(text, state, DateTimeOffset.UtcNow);
        if (status == RunStatus.Stale) text.Append(CultureInfo.InvariantCulture, $"no otto process drives this run; continue it with `otto resume {state.RunId}`\n");
        if (CheckoutWatch.Warning(CheckoutWatch.Current(paths)) is { } warning) text.Append("warning: ").Append(warning).Append('\n');
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
