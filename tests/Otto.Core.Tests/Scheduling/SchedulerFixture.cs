using Otto.Runs;
using Otto.Scheduling;
using Otto.Tests.Support;

namespace Otto.Tests.Scheduling;

/// <summary>Planned runs as records, and Scheduler.Decide with defaults, for the scheduler's rule tests.</summary>
internal static class SchedulerFixture
{
    public static readonly DateTimeOffset T0 = EventStream.Start;

    public static SchedulerPolicy Policy(
        int concurrency = 4, int maxAttempts = 3, int signatureLimit = 3, TimeSpan? runBudget = null, decimal maxCostUsd = 25m, TimeSpan? leaseTimeout = null) =>
        new(concurrency, maxAttempts, signatureLimit, runBudget ?? TimeSpan.FromHours(2), maxCostUsd, leaseTimeout ?? TimeSpan.FromMinutes(2));

    /// <summary>A pending task; "core..." ids are foundations.</summary>
    public static TaskState Task(string id, params string[] dependsOn) => new()
    {
        Id = id,
        Title = id,
        Role = id.StartsWith("core", StringComparison.Ordinal) ? TaskRole.Foundation : TaskRole.Feature,
        DependsOn = [.. dependsOn],
        OwnedPaths = [$"src/{id}/**"],
        Branch = $"otto/run/{id}",
    };

    /// <summary>A run past planning with these tasks, in this plan order.</summary>
    public static RunState Run(params TaskState[] tasks) => new()
    {
        RunId = EventStream.RunId,
        CreatedAt = T0,
        Classification = new Classification("feature", "small", false, null),
        PlanVersion = 1,
        Stage = Stage.Execute,
        Tasks = [.. tasks.Select((t, i) => t with { Order = i })],
    };

    public static TaskState Merged(this TaskState task) => task with { Phase = TaskPhase.Merged, Attempts = Math.Max(1, task.Attempts) };

    public static TaskState FailedTask(this TaskState task, string reason = "it broke") => task with
    {
        Phase = TaskPhase.Failed, Attempts = Math.Max(1, task.Attempts), LastFailure = new FailureInfo(FailureKind.Verification, reason, "sig-x", Task: task.Id),
    };

    /// <summary>Claimed by another process at <paramref name="at"/> (default T0).</summary>
    public static TaskState ClaimedBy(this TaskState task, string token, int attempt = 1, DateTimeOffset? at = null, AttemptKind kind = AttemptKind.Execute) => task with
    {
        Phase = TaskPhase.Running,
        Attempts = Math.Max(task.Attempts, attempt),
        Claim = new Claim(attempt, EventStream.Owner(token), kind, at ?? T0),
        Step = AttemptStep.Started,
    };

    /// <summary>An attempt that ended with this failure; the task is pending again.</summary>
    public static TaskState FailedAttempt(this TaskState task, int attempt, FailureInfo failure) => task with
    {
        Phase = TaskPhase.Pending,
        Attempts = attempt,
        LastFailure = failure with { Task = task.Id },
        SignatureCounts = failure.Signature is { } s ? task.SignatureCounts.SetItem(s, task.SignatureCounts.GetValueOrDefault(s) + 1) : task.SignatureCounts,
    };

    public static IReadOnlyList<Decision> Decide(
        RunState state,
        SchedulerPolicy? policy = null,
        DateTimeOffset? now = null,
        IReadOnlyDictionary<string, ClaimObservation>? claims = null,
        bool isDriver = true,
        int localSlots = 8) =>
        Scheduler.Decide(state, policy ?? Policy(), now ?? T0.AddMinutes(1), claims ?? new Dictionary<string, ClaimObservation>(), isDriver, localSlots);

    public static IReadOnlyList<string> Started(this IEnumerable<Decision> decisions) =>
        decisions.OfType<StartAttempt>().Select(s => s.TaskId).ToList();
}
