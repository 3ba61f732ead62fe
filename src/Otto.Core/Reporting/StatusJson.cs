using System.Buffers;
using System.Text;
using System.Text.Json;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// Writes the parts of the `otto status --json` document (<see cref="StatusDocument"/>) with
/// Utf8JsonWriter (precompiled in the framework), not JsonNode: every `otto status` pays the JIT for what
/// it touches.
/// </summary>
public static class StatusJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static StatusDocument.Head HeadOf(RunState state, RunStatus status)
    {
        var buffer = new ArrayBufferWriter<byte>();
        int statusAt, statusEnd;
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            w.WriteString("run_id", state.RunId);
            w.WritePropertyName("status");
            w.Flush();
            statusAt = buffer.WrittenCount;
            w.WriteStringValue(status.Name());
            w.Flush();
            statusEnd = buffer.WrittenCount;
            w.WriteString("stage", (state.IsFinished ? Stage.Finished : state.Stage).Name());
            Replan.PlanVersions.Write(w, state);
            w.WriteString("intent", state.Intent);
            w.WriteString("integration_branch", state.IntegrationBranch);
            w.WriteString("created_at", state.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("reason", state.Outcome?.Cause?.Reason);
            Failure(w, "cause", state.Outcome?.Cause);
            w.WriteStartArray("tasks");
            foreach (var task in state.Tasks) Task(w, task, state);
            w.WriteEndArray();
            Spend(w, state.CostUsd, state.UnknownCosts, state.Tokens, state.UnknownTokens);
            w.WriteNumber("seq", state.Seq);
        }
        // The head is kept as text: the status's place is counted in chars, not bytes.
        var written = buffer.WrittenSpan;
        var before = Encoding.UTF8.GetCharCount(written[..statusAt]);
        var value = Encoding.UTF8.GetCharCount(written[statusAt..statusEnd]);
        return new StatusDocument.Head(Encoding.UTF8.GetString(written), before, value);
    }

    /// <summary><see cref="StatusDocument.SimpleTail"/> when it can be, else written. <paramref name="rateLimits"/>
    /// writes the `rate_limits` of providers backing off, null when none does.</summary>
    public static string Tail(double durationSeconds, Action<Utf8JsonWriter>? rateLimits, IReadOnlyList<string>? checkoutChanged)
    {
        if (rateLimits is null && StatusDocument.SimpleTail(durationSeconds, checkoutChanged) is { } simple) return simple;
        // Written as an object of its own at the same depth, so indentation is the document's; its `{` is
        // replaced by the comma that follows `seq`.
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("duration_s", durationSeconds);
            if (rateLimits is not null) rateLimits(w);
            else
            {
                w.WriteStartArray("rate_limits");
                w.WriteEndArray();
            }
            if (checkoutChanged is not null)
            {
                w.WriteStartArray("checkout_changed");
                foreach (var path in checkoutChanged) w.WriteStringValue(path);
                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("checkout_changed");
            }
            w.WriteEndObject();
        }
        return "," + Encoding.UTF8.GetString(buffer.WrittenSpan[1..]);
    }

    private static void Task(Utf8JsonWriter w, TaskState task, RunState state)
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
        w.WriteStartObject("tokens");
        w.WriteNumber("input", tokens.Input);
        w.WriteNumber("output", tokens.Output);
        w.WriteNumber("cached", tokens.Cached);
        w.WriteEndObject();
        w.WriteBoolean("tokens_known", unknownTokens == 0);
    }
}
