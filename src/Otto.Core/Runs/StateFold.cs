using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Otto.Runs;

/// <summary>
/// The pure fold of events into <see cref="RunState"/>. Counts (attempts, retries, cost) are true by
/// construction because they are derived from what was recorded, never kept on the side.
/// </summary>
public static class StateFold
{
    public static RunState Fold(RunState state, IEnumerable<RunEvent> events) => events.Aggregate(state, Apply);

    public static RunState Apply(RunState s, RunEvent e)
    {
        s = s with { Seq = e.Seq };
        return e.Type switch
        {
            EventTypes.RunStarted => s with
            {
                RunId = e.Str("run_id") ?? s.RunId,
                Intent = e.Str("intent") ?? "",
                CreatedAt = e.Ts,
                BaseBranch = e.Str("base_branch") ?? "",
                BaseSha = e.Str("base_sha") ?? "",
                IntegrationBranch = e.Str("integration_branch") ?? "",
                IntegrationHead = e.Str("base_sha"),
                PlanOnly = e.Bool("plan_only"),
            },
            EventTypes.RunResumed => s with { Outcome = null, Status = RunStatuses.Running, FinishedAt = null, PlanOnly = false },
            EventTypes.StageStarted => StageStarted(s, e.Str("stage") ?? "", (int)(e.Long("attempt") ?? 1)),
            EventTypes.StageFinished => s with
            {
                ActiveStage = null,
                LastStageFailure = e.Bool("ok") ? null : Failure(e.Obj("failure")),
                CostUsd = s.CostUsd + (e.Decimal("cost_usd") ?? 0m),
                Tokens = s.Tokens.Add(Tokens(e.Obj("tokens"))),
            },
            EventTypes.ClassificationAccepted => s with
            {
                Classification = new Classification(e.Str("kind") ?? "other", e.Str("size") ?? "small", e.Bool("single_task"), e.Str("rationale")),
            },
            EventTypes.PlanRejected => s with { PlanErrors = [.. e.Strings("errors")] },
            EventTypes.PlanAccepted => PlanAccepted(s, e),
            EventTypes.IntegrationVerified => s with
            {
                IntegrationVerified = e.Bool("passed"),
                IntegrationFailure = e.Bool("passed") ? null : Failure(e.Data),
            },
            EventTypes.RunFinished => s with
            {
                Outcome = new RunOutcome(e.Str("status") ?? RunStatuses.Failed, Failure(e.Obj("cause"))),
                Status = e.Str("status") ?? RunStatuses.Failed,
                FinishedAt = e.Ts,
                ActiveStage = null,
                Tasks = s.Tasks.Select(t => t with { Claim = null }).ToImmutableList(),
            },
            _ when e.Task is not null && s.Task(e.Task) is { } task => ApplyToTask(s, task, e),
            _ => s,
        };
    }

    private static RunState StageStarted(RunState s, string stage, int attempt) => stage switch
    {
        Stages.Classify => s with { Stage = stage, ActiveStage = new(stage, attempt), ClassifyAttempts = attempt },
        Stages.Plan => s with { Stage = stage, ActiveStage = new(stage, attempt), PlanAttempts = attempt },
        Stages.Integrate => s with { Stage = stage, ActiveStage = new(stage, attempt), IntegrationVerifyAttempts = attempt },
        _ => s with { Stage = stage, ActiveStage = new(stage, attempt) },
    };

    private static RunState PlanAccepted(RunState s, RunEvent e)
    {
        var tasks = new List<TaskState>();
        if (e.Data?["tasks"] is JsonArray array)
        {
            foreach (var node in array.OfType<JsonObject>())
            {
                tasks.Add(new TaskState
                {
                    Id = node["id"]!.GetValue<string>(),
                    Title = (string?)node["title"] ?? "",
                    Description = (string?)node["description"] ?? "",
                    Role = (string?)node["role"] ?? TaskRoles.Feature,
                    DependsOn = Strings(node["depends_on"]),
                    OwnedPaths = Strings(node["owned_paths"]),
                    Acceptance = Strings(node["acceptance"]),
                    Branch = (string?)node["branch"] ?? "",
                    Order = tasks.Count,
                });
            }
        }
        return s with
        {
            PlanVersion = (int)(e.Long("version") ?? 1), Tasks = [.. tasks], SharedFiles = Strings(e.Data?["shared_files"]), Stage = Stages.Execute, PlanErrors = [],
        };
    }

    private static RunState ApplyToTask(RunState s, TaskState t, RunEvent e)
    {
        switch (e.Type)
        {
            case EventTypes.TaskClaimed:
                var attempt = e.Attempt ?? t.Attempts + 1;
                var owner = e.Obj("owner");
                var claim = new Claim(attempt,
                    new Owner((string?)owner?["host"] ?? "", (int?)owner?["pid"] ?? 0, (long?)owner?["start_time"] ?? 0, (string?)owner?["token"] ?? ""),
                    e.Str("kind") ?? AttemptKinds.Execute, e.Ts);
                var isNewAttempt = attempt > t.Attempts;
                return s.WithTask(t with
                {
                    Claim = claim,
                    Attempts = Math.Max(t.Attempts, attempt),
                    Phase = t.Step >= AttemptStep.Committed && !isNewAttempt ? TaskPhase.Verifying : TaskPhase.Running,
                    Step = isNewAttempt ? AttemptStep.Claimed : t.Step,
                    TransientRetries = isNewAttempt ? 0 : t.TransientRetries,
                    Agent = isNewAttempt ? null : t.Agent,
                });
            case EventTypes.AttemptStarted:
                return s.WithTask(t with
                {
                    Step = AttemptStep.Started,
                    Agent = new AgentProcessInfo((int)(e.Long("pid") ?? 0), e.Long("start_time") ?? 0, e.Ts),
                    SessionId = e.Str("session_id") ?? t.SessionId,
                });
            case EventTypes.AttemptRetried:
                return s.WithTask(t with { Step = AttemptStep.Claimed, Agent = null, TransientRetries = t.TransientRetries + 1 });
            case EventTypes.AttemptFinished:
                var cost = e.Decimal("cost_usd") ?? 0m;
                var tokens = Tokens(e.Obj("tokens"));
                return s.WithTask(t with
                {
                    Step = AttemptStep.Finished,
                    Agent = null,
                    CostUsd = t.CostUsd + cost,
                    Tokens = t.Tokens.Add(tokens),
                    SessionId = e.Str("session_id") ?? t.SessionId,
                }) with { CostUsd = s.CostUsd + cost, Tokens = s.Tokens.Add(tokens) };
            case EventTypes.ChangesCommitted:
                return s.WithTask(t with { Step = AttemptStep.Committed, HeadCommit = e.Str("commit"), Phase = TaskPhase.Verifying });
            case EventTypes.StatusIngested:
                return s.WithTask(t with { Summary = e.Str("summary") ?? t.Summary });
            case EventTypes.VerifyFinished:
                return e.Bool("passed") ? s.WithTask(t with { Step = AttemptStep.Verified }) : s;
            case EventTypes.AttemptFailed:
                var failure = (Failure(e.Data) ?? new FailureInfo(FailureKinds.Internal, null)) with { Task = t.Id };
                return s.WithTask(t with
                {
                    LastFailure = failure,
                    SignatureCounts = Count(t.SignatureCounts, failure.Signature),
                    Claim = null,
                    Step = AttemptStep.None,
                    Phase = TaskPhase.Pending,
                    PendingConflict = null,
                });
            case EventTypes.MergeConflict:
                var conflict = (Failure(e.Data) ?? new FailureInfo(FailureKinds.Conflict, null)) with { Kind = FailureKinds.Conflict, Task = t.Id };
                return s.WithTask(t with
                {
                    LastFailure = conflict,
                    SignatureCounts = Count(t.SignatureCounts, conflict.Signature),
                    PendingConflict = new ConflictInfo(Strings(e.Data?["paths"]), e.Str("integration_sha") ?? ""),
                    Claim = null,
                    Step = AttemptStep.None,
                    Phase = TaskPhase.Pending,
                });
            case EventTypes.TaskMerged:
                return s.WithTask(t with
                {
                    Phase = TaskPhase.Merged, MergedCommit = e.Str("commit"), Claim = null, Step = AttemptStep.None, PendingConflict = null,
                }) with { IntegrationHead = e.Str("integration_sha") ?? s.IntegrationHead };
            case EventTypes.TaskFailed:
                return s.WithTask(t with { Phase = TaskPhase.Failed, LastFailure = (Failure(e.Obj("cause")) ?? t.LastFailure ?? new FailureInfo(FailureKinds.Internal, null)) with { Task = t.Id }, Claim = null, Step = AttemptStep.None });
            case EventTypes.TaskBlocked:
                return s.WithTask(t with { Phase = TaskPhase.Blocked, Claim = null });
            case EventTypes.TaskSkipped:
                return s.WithTask(t with { Phase = TaskPhase.Skipped, Claim = null });
            case EventTypes.TaskWaiting:
                return s.WithTask(t with { Phase = TaskPhase.WaitingForHuman, Question = e.Str("question"), Claim = null, Step = AttemptStep.None });
            case EventTypes.HumanAnswered:
                return s.WithTask(t with { Phase = TaskPhase.Pending, Answer = e.Str("answer") });
            default:
                return s;
        }
    }

    public static FailureInfo? Failure(JsonObject? data)
    {
        if (data is null) return null;
        var limit = data["limit"] as JsonObject;
        return new FailureInfo(
            (string?)data["kind"] ?? FailureKinds.Internal,
            (string?)data["reason"],
            (string?)data["signature"],
            limit is null ? null : new LimitHit((string?)limit["name"] ?? "", limit["value"]?.ToString() ?? ""),
            (string?)data["task"],
            (bool?)data["fatal"] ?? false,
            (string?)data["command"]);
    }

    private static ImmutableDictionary<string, int> Count(ImmutableDictionary<string, int> counts, string? signature) =>
        signature is null ? counts : counts.SetItem(signature, counts.GetValueOrDefault(signature) + 1);

    private static TokenCounts? Tokens(JsonObject? o) =>
        o is null ? null : new TokenCounts((long?)o["input"] ?? 0, (long?)o["output"] ?? 0, (long?)o["cached"] ?? 0);

    private static ImmutableList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => (string?)n ?? "")] : [];
}
