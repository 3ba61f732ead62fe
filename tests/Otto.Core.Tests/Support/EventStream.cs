using Otto.Engine;
using Otto.Contracts;
using Otto.Planning;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Tests.Support;

/// <summary>
/// Builds a run's events from the same typed records the engine writes, numbered
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

    public EventStream Add(EventBody body, string? task = null, int? attempt = null)
    {
        var line = new RunEvent(_events.Count + 1, Now, task, attempt, body).ToJsonLine();
        _events.Add(RunEvent.TryParse(System.Text.Encoding.UTF8.GetBytes(line)) ?? throw new InvalidOperationException($"not an event: {line}"));
        return this;
    }

    public RunState Fold() => StateFold.Fold(new RunState { RunId = RunId }, _events);

    public EventStream Started() =>
        Add(new RunStarted(RunId, "add a feature", "main", "base000", $"otto/{RunId}", PlanOnly: false));

    /// <summary>A plan of tasks given as "id" or "id:dep1,dep2"; ids starting with "core" are foundations.</summary>
    public EventStream Plan(params string[] tasks)
    {
        var planTasks = tasks.Select(spec =>
        {
            var parts = spec.Split(':');
            var deps = parts.Length > 1 ? parts[1].Split(',') : [];
            var role = parts[0].StartsWith("core", StringComparison.Ordinal) ? TaskRole.Foundation : TaskRole.Feature;
            return new PlanTask(parts[0], $"task {parts[0]}", "", role, deps, [$"src/{parts[0]}/**"], []);
        }).ToList();
        var plan = new PlanDocument("a plan", planTasks, [], []);
        return Add(PlanEventData.For(RunId, plan, 1, "{}"));
    }

    public EventStream Claim(string task, int attempt, string token, AttemptKind kind = AttemptKind.Execute, bool takeover = false) =>
        Add(new TaskClaimed(Owner(token), kind, takeover), task, attempt);

    public EventStream AgentStarted(string task, int attempt, int pid = 5555) =>
        Add(new AttemptStarted(pid, 123, $"session-{task}-{attempt}"), task, attempt);

    public EventStream Retried(string task, int attempt, int retry) =>
        Add(new AttemptRetried(retry, "rate limited", 5.0), task, attempt);

    public EventStream AgentFinished(string task, int attempt, decimal? cost = null, long input = 0, long output = 0) =>
        Add(new AttemptFinished(0, null, 1.5, null, cost, new TokenCounts(input, output, 0), null, null), task, attempt);

    public EventStream Committed(string task, int attempt, string commit) =>
        Add(new ChangesCommitted(commit, "base000", true), task, attempt);

    public EventStream Verified(string task, int attempt, bool passed = true) =>
        Add(new VerifyFinished(passed), task, attempt);

    public EventStream Failed(string task, int attempt, string reason, string? signature = null, FailureKind kind = FailureKind.Verification) =>
        Add(AttemptFailed.Of(new FailureInfo(kind, reason, signature)), task, attempt);

    public EventStream Merged(string task, int attempt, string commit, string integrationSha) =>
        Add(new TaskMerged(commit, integrationSha, false), task, attempt);

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
