using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Otto.Runs;

/// <summary>
/// Writes state.json by hand with Utf8JsonWriter. (A source-generated serializer would do, but reading it
/// back JITs hundreds of value-type generic instantiations on every `otto status`; see StateJsonReader.)
/// Field names are snake_case; <see cref="StateJsonReader"/> reads exactly this shape.
/// </summary>
public static class StateJsonWriter
{
    public static string Write(RunState s)
    {
        using var buffer = new MemoryStream();
        // One line: a cache read on every `otto status`, where indentation is a fifth of the bytes to scan.
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("run_id", s.RunId);
            w.WriteString("intent", s.Intent);
            Time(w, "created_at", s.CreatedAt);
            w.WriteString("base_branch", s.BaseBranch);
            w.WriteString("base_sha", s.BaseSha);
            w.WriteString("integration_branch", s.IntegrationBranch);
            w.WriteBoolean("plan_only", s.PlanOnly);
            w.WriteString("status", s.Status.Name());
            w.WriteString("stage", s.Stage.Name());
            if (s.ActiveStage is { } active)
            {
                w.WriteStartObject("active_stage");
                w.WriteString("stage", active.Stage.Name());
                w.WriteNumber("attempt", active.Attempt);
                w.WriteEndObject();
            }
            Failure(w, "last_stage_failure", s.LastStageFailure);
            w.WriteNumber("classify_attempts", s.ClassifyAttempts);
            if (s.Classification is { } c)
            {
                w.WriteStartObject("classification");
                w.WriteString("kind", c.Kind);
                w.WriteString("size", c.Size);
                w.WriteBoolean("single_task", c.SingleTask);
                w.WriteString("rationale", c.Rationale);
                w.WriteEndObject();
            }
            w.WriteNumber("plan_attempts", s.PlanAttempts);
            w.WriteNumber("plan_version", s.PlanVersion);
            Strings(w, "plan_errors", s.PlanErrors);
            Strings(w, "shared_files", s.SharedFiles);
            w.WriteStartArray("contracts");
            foreach (var contract in s.Contracts)
            {
                w.WriteStartObject();
                w.WriteString("path", contract.Path);
                w.WriteString("owner", contract.Owner);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("amendments");
            foreach (var amendment in s.Amendments) Amendment(w, amendment);
            w.WriteEndArray();
            w.WriteString("integration_head", s.IntegrationHead);
            w.WriteNumber("integration_verify_attempts", s.IntegrationVerifyAttempts);
            if (s.IntegrationVerified is { } verified) w.WriteBoolean("integration_verified", verified);
            if (s.Baseline is { } baseline)
            {
                w.WriteStartObject("baseline");
                w.WriteNumber("attempt", baseline.Attempt);
                w.WriteBoolean("finished", baseline.Finished);
                w.WriteBoolean("passed", baseline.Passed);
                w.WriteBoolean("cached", baseline.Cached);
                Failure(w, "failure", baseline.Failure);
                w.WriteEndObject();
            }
            Failure(w, "integration_failure", s.IntegrationFailure);
            PostMergeStateJson.WriteRun(w, s);
            w.WriteNumber("cost_usd", s.CostUsd);
            w.WriteNumber("unknown_costs", s.UnknownCosts);
            Tokens(w, s.Tokens);
            w.WriteNumber("unknown_tokens", s.UnknownTokens);
            w.WriteStartArray("warnings");
            foreach (var warning in s.Warnings)
            {
                w.WriteStartObject();
                w.WriteString("what", warning.What);
                w.WriteString("detail", warning.Detail);
                if (warning.Offset is { } at) w.WriteNumber("offset", at);
                if (warning.Stops) w.WriteBoolean("stops", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (s.Outcome is { } outcome)
            {
                w.WriteStartObject("outcome");
                w.WriteString("status", outcome.Status.Name());
                Failure(w, "cause", outcome.Cause);
                w.WriteEndObject();
            }
            if (s.FinishedAt is { } finished) Time(w, "finished_at", finished);
            OptionalSection.Write(w, "recovery", s.Recovery, s.Recovery.IsEmpty, () => RecoveryJsonContext.Default.RecoveryState);
            OptionalSection.Write(w, "rate_limits", s.RateLimits, s.RateLimits.IsEmpty, () => RateLimitJsonContext.Default.RateLimitState);
            w.WriteNumber("seq", s.Seq);
            w.WriteNumber("offset", s.Offset);
            w.WriteStartArray("tasks");
            foreach (var task in s.Tasks) Task(w, task);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Task(Utf8JsonWriter w, TaskState t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("title", t.Title);
        w.WriteString("description", t.Description);
        w.WriteString("role", t.Role.Name());
        Strings(w, "depends_on", t.DependsOn);
        Strings(w, "owned_paths", t.OwnedPaths);
        Strings(w, "acceptance", t.Acceptance);
        w.WriteString("branch", t.Branch);
        w.WriteNumber("order", t.Order);
        if (t.BestOf is { } bestOf) w.WriteNumber("best_of", bestOf);
        PostMergeStateJson.WriteTask(w, t);
        w.WriteString("phase", t.Phase.Name());
        w.WriteNumber("attempts", t.Attempts);
        if (t.UncountedAttempts > 0) w.WriteNumber("uncounted_attempts", t.UncountedAttempts);
        if (t.AmendmentRound) w.WriteBoolean("amendment_round", true);
        if (t.StartOnTopOf is { } onTopOf) w.WriteString("start_on_top_of", onTopOf);
        if (t.Claim is { } claim)
        {
            w.WriteStartObject("claim");
            w.WriteNumber("attempt", claim.Attempt);
            w.WriteStartObject("owner");
            w.WriteString("host", claim.Owner.Host);
            w.WriteNumber("pid", claim.Owner.Pid);
            w.WriteNumber("start_time", claim.Owner.StartTime);
            w.WriteString("token", claim.Owner.Token);
            w.WriteEndObject();
            w.WriteString("kind", claim.Kind.Name());
            Time(w, "claimed_at", claim.ClaimedAt);
            w.WriteEndObject();
        }
        w.WriteString("step", t.Step.Name());
        if (t.Agent is { } agent)
        {
            w.WriteStartObject("agent");
            w.WriteNumber("pid", agent.Pid);
            w.WriteNumber("start_time", agent.StartTime);
            Time(w, "started_at", agent.StartedAt);
            w.WriteEndObject();
        }
        w.WriteNumber("transient_retries", t.TransientRetries);
        w.WriteString("head_commit", t.HeadCommit);
        w.WriteString("merged_commit", t.MergedCommit);
        w.WriteString("integration_commit", t.IntegrationCommit);
        Failure(w, "last_failure", t.LastFailure);
        w.WriteStartObject("signature_counts");
        foreach (var (signature, count) in t.SignatureCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(signature, count);
        w.WriteEndObject();
        if (t.PendingConflict is { } conflict)
        {
            w.WriteStartObject("pending_conflict");
            Strings(w, "paths", conflict.Paths);
            w.WriteString("integration_sha", conflict.IntegrationSha);
            w.WriteEndObject();
        }
        w.WriteNumber("questions", t.Questions);
        w.WriteString("question", t.Question);
        w.WriteString("answer", t.Answer);
        w.WriteString("summary", t.Summary);
        w.WriteString("session_id", t.SessionId);
        w.WriteNumber("cost_usd", t.CostUsd);
        w.WriteNumber("unknown_costs", t.UnknownCosts);
        Tokens(w, t.Tokens);
        if (t.Variants.Count > 0) Variants(w, t.Variants);
        w.WriteNumber("unknown_tokens", t.UnknownTokens);
        w.WriteNumber("agent_s", t.AgentSeconds);
        w.WriteEndObject();
    }

    private static void Variants(Utf8JsonWriter w, IEnumerable<VariantResult> variants)
    {
        w.WriteStartArray("variants");
        foreach (var v in variants)
        {
            w.WriteStartObject();
            w.WriteNumber("attempt", v.Attempt);
            w.WriteNumber("variant", v.Variant);
            w.WriteString("provider", v.Provider);
            w.WriteString("commit", v.Commit);
            w.WriteBoolean("verified", v.Verified);
            Failure(w, "failure", v.Failure);
            w.WriteString("question", v.Question);
            w.WriteString("summary", v.Summary);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Amendment(Utf8JsonWriter w, Amendment a)
    {
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        w.WriteString("requester", a.Requester);
        w.WriteNumber("requester_attempt", a.RequesterAttempt);
        w.WriteString("path", a.Path);
        w.WriteString("change", a.Change);
        w.WriteString("reason", a.Reason);
        w.WriteString("owner", a.Owner);
        w.WriteString("problem", a.Problem);
        w.WriteString("status", a.Status.Name());
        if (a.DeliveredIn is { } delivered) w.WriteNumber("delivered_in", delivered);
        w.WriteString("commit", a.Commit);
        w.WriteString("refusal", a.Refusal);
        if (a.Limit is { } limit) Limit(w, limit);
        w.WriteEndObject();
    }

    /// <summary>`"limit": {name, value}`, as every file otto writes shows the bound that fired.</summary>
    internal static void Limit(Utf8JsonWriter w, LimitHit limit)
    {
        w.WriteStartObject("limit");
        w.WriteString("name", limit.Name);
        w.WriteString("value", limit.Value);
        w.WriteEndObject();
    }

    internal static void Failure(Utf8JsonWriter w, string name, FailureInfo? f)
    {
        if (f is null) return;
        w.WriteStartObject(name);
        w.WriteString("kind", f.Kind.Name());
        w.WriteString("reason", f.Reason);
        w.WriteString("signature", f.Signature);
        if (f.Limit is { } limit) Limit(w, limit);
        w.WriteString("task", f.Task);
        w.WriteBoolean("fatal", f.Fatal);
        w.WriteString("command", f.Command);
        w.WriteEndObject();
    }

    private static void Tokens(Utf8JsonWriter w, TokenCounts tokens)
    {
        w.WriteStartObject("tokens");
        w.WriteNumber("input", tokens.Input);
        w.WriteNumber("output", tokens.Output);
        w.WriteNumber("cached", tokens.Cached);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset at) =>
        w.WriteString(name, at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
}
