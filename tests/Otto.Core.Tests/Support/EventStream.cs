using System.Text.Json.Nodes;
using Otto.Engine;
using Otto.Planning;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Tests.Support;

/// <summary>
/// Builds a run's events the way the engine writes them (same event types and data shapes), numbered
/// 1, 2, 3..., for tests of the fold and of decisions made on folded state. Each event goes through its
/// events.ndjson line and back, so the fold sees exactly what a reader of the log would.
/// </summary>
public sealed class EventStream
{
    public const string RunId = "20250101-120000-abcd";
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<RunEvent> _events = [];

    public DateTimeOffset Now { get; set; } = Start;

    public IReadOnlyList<RunEvent> Events => _events;

    public static Owner Owner(string token, int pid = 4242) => new("test-host", pid, 777, token);

    public EventStream Add(string type, string? task = null, int? attempt = null, JsonObject? data = null)
    {
        var line = new RunEvent(_events.Count + 1, Now, type, task, attempt, data).ToJsonLine();
        _events.Add(RunEvent.TryParse(System.Text.Encoding.UTF8.GetBytes(line)) ?? throw new InvalidOperationException($"not an event: {line}"));
        return this;
    }

    public RunState Fold() => StateFold.Fold(new RunState { RunId = RunId }, _events);

    public EventStream Started() => Add(EventTypes.RunStarted, data: new JsonObject
    {
        ["run_id"] = RunId, ["intent"] = "add a feature", ["base_branch"] = "main", ["base_sha"] = "base000",
        ["integration_branch"] = $"otto/{RunId}", ["plan_only"] = false,
    });

    /// <summary>A plan of tasks given as "id" or "id:dep1,dep2"; ids starting with "core" are foundations.</summary>
    public EventStream Plan(params string[] tasks)
    {
        var planTasks = tasks.Select(spec =>
        {
            var parts = spec.Split(':');
            var deps = parts.Length > 1 ? parts[1].Split(',') : [];
            var role = parts[0].StartsWith("core", StringComparison.Ordinal) ? TaskRoles.Foundation : TaskRoles.Feature;
            return new PlanTask(parts[0], $"task {parts[0]}", "", role, deps, [$"src/{parts[0]}/**"], []);
        }).ToList();
        var plan = new PlanDocument("a plan", planTasks, [], []);
        return Add(EventTypes.PlanAccepted, data: PlanEventData.For(RunId, plan, 1, "{}"));
    }

    public EventStream Claim(string task, int attempt, string token, string kind = AttemptKinds.Execute, bool takeover = false) =>
        Add(EventTypes.TaskClaimed, task, attempt, new JsonObject
        {
            ["owner"] = EventData.Owner(Owner(token)), ["kind"] = kind, ["takeover"] = takeover,
        });

    public EventStream AgentStarted(string task, int attempt, int pid = 5555) =>
        Add(EventTypes.AttemptStarted, task, attempt, new JsonObject { ["pid"] = pid, ["start_time"] = 123, ["session_id"] = $"session-{task}-{attempt}" });

    public EventStream Retried(string task, int attempt, int retry) =>
        Add(EventTypes.AttemptRetried, task, attempt, new JsonObject { ["retry"] = retry, ["reason"] = "rate limited", ["delay_s"] = 5.0 });

    public EventStream AgentFinished(string task, int attempt, decimal? cost = null, long input = 0, long output = 0) =>
        Add(EventTypes.AttemptFinished, task, attempt, new JsonObject
        {
            ["exit_code"] = 0, ["killed_by"] = null, ["duration_s"] = 1.5, ["cost_usd"] = cost,
            ["tokens"] = new JsonObject { ["input"] = input, ["output"] = output, ["cached"] = 0 },
        });

    public EventStream Committed(string task, int attempt, string commit) =>
        Add(EventTypes.ChangesCommitted, task, attempt, new JsonObject { ["commit"] = commit, ["base"] = "base000", ["changed"] = true });

    public EventStream Verified(string task, int attempt, bool passed = true) =>
        Add(EventTypes.VerifyFinished, task, attempt, new JsonObject { ["passed"] = passed });

    public EventStream Failed(string task, int attempt, string reason, string? signature = null, string kind = FailureKinds.Verification) =>
        Add(EventTypes.AttemptFailed, task, attempt, EventData.Failure(new FailureInfo(kind, reason, signature)));

    public EventStream Merged(string task, int attempt, string commit, string integrationSha) =>
        Add(EventTypes.TaskMerged, task, attempt, new JsonObject { ["commit"] = commit, ["integration_sha"] = integrationSha });

    /// <summary>A whole successful attempt: claim, agent, commit, verify, merge.</summary>
    public EventStream Succeeds(string task, int attempt = 1, decimal cost = 0m) =>
        Claim(task, attempt, $"{task}-{attempt}").AgentStarted(task, attempt).AgentFinished(task, attempt, cost)
            .Committed(task, attempt, $"{task}-c{attempt}").Verified(task, attempt).Merged(task, attempt, $"{task}-c{attempt}", $"int-{task}");

    /// <summary>A whole attempt that fails verification with this text (signed as the engine signs it).</summary>
    public EventStream FailsWith(string task, int attempt, string reason, decimal cost = 0m) =>
        Claim(task, attempt, $"{task}-{attempt}").AgentStarted(task, attempt).AgentFinished(task, attempt, cost)
            .Committed(task, attempt, $"{task}-c{attempt}").Verified(task, attempt, passed: false)
            .Failed(task, attempt, reason, FailureSignature.Of(reason));
}
