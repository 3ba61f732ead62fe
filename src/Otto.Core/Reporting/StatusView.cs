using System.Text.Json;
using Otto.Platform;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// What `otto status` says about a run: one defined status for every situation, including `stale`
/// (no live driver and no final.json). Built from the log and a lock probe; changes nothing.
/// </summary>
public static class StatusView
{
    public static RunStatus StatusOf(RunPaths paths, RunState state)
    {
        if (state.IsFinished) return state.Status;
        var driverAlive = FileLock.IsHeld(paths.DriverLock);
        var waiting = state.Tasks.Any(t => t.Phase == TaskPhase.WaitingForHuman)
            && state.Tasks.All(t => t.Claim is null);
        if (waiting) return RunStatus.WaitingForHuman;
        // Made by `otto plan` (or --plan-only), its plan ready and not built yet: it waits for
        // `otto build --run ID`, not for an answer.
        if (state.PlanOnly && state.PlanVersion > 0 && !driverAlive) return RunStatus.Planned;
        return driverAlive ? RunStatus.Running : RunStatus.Stale;
    }

    /// <summary>The exit code that goes with a status: a finished run's (contracts.md), 3 while it waits
    /// for an answer, 0 for a plan ready to build, 1 for a run nothing drives any more.</summary>
    public static int ExitCodeOf(RunStatus status) => status switch
    {
        RunStatus.Succeeded or RunStatus.Planned => ExitCodes.Succeeded,
        RunStatus.Canceled => ExitCodes.Interrupted,
        RunStatus.WaitingForHuman => ExitCodes.WaitingForHuman,
        _ => ExitCodes.RunFailed,
    };

    /// <summary>A finished run's exit code: one that failed because the environment lacks what the project
    /// needs (a missing command, a full disk) is 4, not 1: no agent could have done better.</summary>
    public static int ExitCodeOf(RunState state) =>
        state.Status == RunStatus.Failed && state.Outcome?.Cause?.Kind == FailureKind.Environment ? ExitCodes.Environment : ExitCodeOf(state.Status);

    /// <summary>The `otto status --json` document. Written with Utf8JsonWriter, not JsonNode: every
    /// `otto status` pays the JIT for what it touches, and the writer is precompiled in the framework.</summary>
    public static string JsonText(RunPaths paths, RunState state)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            w.WriteString("run_id", state.RunId);
            w.WriteString("status", StatusOf(paths, state).Name());
            w.WriteString("stage", (state.IsFinished ? Stage.Finished : state.Stage).Name());
            Replan.PlanVersions.Write(w, state);
            w.WriteString("intent", state.Intent);
            w.WriteString("integration_branch", state.IntegrationBranch);
            w.WriteString("created_at", state.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("reason", state.Outcome?.Cause?.Reason);
            Failure(w, "cause", state.Outcome?.Cause);
            w.WriteStartArray("tasks");
            foreach (var task in state.Tasks)
            {
                var failure = task.Phase is TaskPhase.Failed or TaskPhase.Pending ? task.LastFailure : null;
                w.WriteStartObject();
                w.WriteString("id", task.Id);
                w.WriteString("state", TaskView.StateOf(task, state));
                w.WriteNumber("attempts", task.Attempts);
                w.WriteString("branch", task.Branch);
                w.WriteString("title", task.Title);
                w.WriteStartArray("depends_on");
                foreach (var dependency in task.DependsOn) w.WriteStringValue(dependency);
                w.WriteEndArray();
                Spend(w, task.CostUsd, task.UnknownCosts, task.Tokens, task.UnknownTokens);
                w.WriteNumber("agent_duration_s", Math.Round(task.AgentSeconds, 3));
                w.WriteString("session_id", task.SessionId);
                w.WriteString("reason", failure?.Reason);
                Failure(w, "cause", failure);
                w.WriteString("question", task.Question);
                w.WriteString("waiting_on", AmendmentView.WaitingOn(state, task));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Spend(w, state.CostUsd, state.UnknownCosts, state.Tokens, state.UnknownTokens);
            w.WriteNumber("duration_s", SpendText.RunSeconds(state, DateTimeOffset.UtcNow));
            w.WriteNumber("seq", state.Seq);
            RateLimitView.Write(w, state, DateTimeOffset.UtcNow);
            if (CheckoutWatch.Current(paths) is { } changed)
            {
                w.WriteStartArray("checkout_changed");
                foreach (var path in changed) w.WriteStringValue(path);
                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("checkout_changed");
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Failure(Utf8JsonWriter w, string name, FailureInfo? failure)
    {
        if (failure is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("kind", failure.Kind.Name());
        w.WriteString("reason", failure.Reason);
        w.WriteString("signature", failure.Signature);
        if (failure.Limit is { } limit) StateJsonWriter.Limit(w, limit);
        else w.WriteNull("limit");
        w.WriteString("task", failure.Task);
        if (failure.Command is not null) w.WriteString("command", failure.Command);
        w.WriteEndObject();
    }

    /// <summary>cost_usd (null when nobody reported a cost), cost_known, tokens, tokens_known (<see cref="SpendText"/>).</summary>
    private static void Spend(Utf8JsonWriter w, decimal cost, int unknownCosts, TokenCounts tokens, int unknownTokens)
    {
        if (SpendText.KnownCost(cost, unknownCosts) is { } known) w.WriteNumber("cost_usd", known);
        else w.WriteNull("cost_usd");
        w.WriteBoolean("cost_known", unknownCosts == 0);
        Tokens(w, tokens);
        w.WriteBoolean("tokens_known", unknownTokens == 0);
    }

    private static void Tokens(Utf8JsonWriter w, TokenCounts tokens)
    {
        w.WriteStartObject("tokens");
        w.WriteNumber("input", tokens.Input);
        w.WriteNumber("output", tokens.Output);
        w.WriteNumber("cached", tokens.Cached);
        w.WriteEndObject();
    }
}
